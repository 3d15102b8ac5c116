// A user's photo as a thumbnail, with what the offline analyzers read in it on hover or focus (OCR text, objects),
// and boxes drawn over it (a memory's image regions). Face crops are the same bytes, framed on the face's box.
import { html, useEffect, useState } from '../vendor/htm-preact.js';
import { imageMeta, imageUrl } from './api.js';

function useImage(user, sha256) {
  const [state, setState] = useState({ url: null, meta: null, error: null });
  useEffect(() => {
    let current = true;
    Promise.all([imageUrl(user, sha256), imageMeta(user, sha256)]).then(
      ([url, meta]) => current && setState({ url, meta, error: null }),
      (error) => current && setState({ url: null, meta: null, error }),
    );
    return () => {
      current = false;
    };
  }, [user, sha256]);
  return state;
}

const percent = (part, whole) => `${((100 * part) / whole).toFixed(2)}%`;

function boxStyle(box, meta) {
  return `left:${percent(box.x, meta.width)};top:${percent(box.y, meta.height)};width:${percent(box.width, meta.width)};height:${percent(box.height, meta.height)}`;
}

/** What a person reads about a photo: the turn's note (caption, text, objects, people) and the analysis. */
function describe(note, meta) {
  const analysis = meta?.analysis;
  const text = note?.text || analysis?.ocrText || '';
  const objects = note?.objects?.length ? note.objects : (analysis?.objects ?? []).map((object) => object.label);
  return { caption: note?.caption ?? analysis?.caption ?? null, text, objects, people: note?.people ?? [] };
}

export function Photo({ user, sha256, note, regions = [], size = 'thumb' }) {
  const { url, meta, error } = useImage(user, sha256);
  const info = describe(note, meta);
  const label = [info.caption, info.text && `text: ${info.text}`, info.objects.length && `objects: ${info.objects.join(', ')}`].filter(Boolean).join('; ');
  if (error) return html`<span class="photo-missing" role="img" aria-label="photo unavailable">photo unavailable: ${error.message}</span>`;
  return html`<figure class=${`photo photo-${size}`} tabindex="0" aria-label=${label ? `Photo: ${label}` : 'Photo'}>
    <div class="photo-frame">
      ${url ? html`<img src=${url} alt=${label || 'photo'} width=${meta?.width} height=${meta?.height} />` : html`<span class="muted">loading…</span>`}
      ${meta && regions.map((region) => html`<span class="region" style=${boxStyle(region.box, meta)} title=${region.label ?? 'region'}></span>`)}
    </div>
    <figcaption class="photo-info">
      ${info.caption && html`<div>${info.caption}</div>`}
      <div><strong>Text (OCR):</strong> ${info.text || html`<span class="muted">none read</span>`}</div>
      <div><strong>Objects:</strong> ${info.objects.length ? info.objects.join(', ') : html`<span class="muted">none detected</span>`}</div>
      ${info.people.length > 0 && html`<div><strong>People:</strong> ${info.people.join(', ')}</div>`}
      ${meta && html`<div class="muted">${meta.width}×${meta.height} ${meta.mime}</div>`}
    </figcaption>
  </figure>`;
}

/** The face at `box` of the photo, scaled into a square of `size` pixels. */
export function FaceCrop({ user, face, name, size = 88 }) {
  const [url, setUrl] = useState(null);
  useEffect(() => {
    let current = true;
    imageUrl(user, face.imageSha256).then((value) => current && setUrl(value), () => {});
    return () => {
      current = false;
    };
  }, [user, face.imageSha256]);
  const scale = size / Math.max(face.box.width, face.box.height);
  const style = `width:${face.imageWidth * scale}px;height:${face.imageHeight * scale}px;left:${-face.box.x * scale}px;top:${-face.box.y * scale}px`;
  return html`<span class="face" style=${`width:${size}px;height:${size}px`}>
    ${url && html`<img src=${url} alt=${`face of ${name}`} style=${style} />`}
  </span>`;
}
