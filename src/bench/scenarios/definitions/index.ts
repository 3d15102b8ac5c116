import type { Scenario } from '../scenario.ts';
import { ines } from './ines.ts';
import { leo } from './leo.ts';
import { maya } from './maya.ts';

export const SCENARIOS: readonly Scenario[] = [maya, leo, ines];
