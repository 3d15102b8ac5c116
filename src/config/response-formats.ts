// The model.responseFormat setting's values (model/response-format.ts acts on them): here, so the settings schema
// needs nothing from the model adapters.
export const RESPONSE_FORMAT_MODES = ['auto', 'json_schema', 'json_object', 'off'] as const;
export type ResponseFormatMode = (typeof RESPONSE_FORMAT_MODES)[number];
