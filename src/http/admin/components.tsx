import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import type { FieldIssue } from '../../lib/errors.js';
import { CSRF_FIELD } from './security.middleware.js';
import type { Tone } from './sevdesk-state.js';

// Small building blocks shared by the pages. Inputs always have a label; errors are linked to their input with
// aria-describedby and marked aria-invalid.

export const CsrfField: FC<{ token: string | null }> = ({ token }) =>
  token ? <input type="hidden" name={CSRF_FIELD} value={token} /> : null;

/** Which shop a form acts on, so a second browser tab with another shop selected cannot mix them up. */
export const ShopField: FC<{ shopId: string | null | undefined }> = ({ shopId }) =>
  shopId ? <input type="hidden" name="shop" value={shopId} /> : null;

export const Badge: FC<PropsWithChildren<{ tone: Tone; id?: string }>> = ({ tone, id, children }) => (
  <span class={`badge badge-${tone}`} id={id}>
    {children}
  </span>
);

/** Field errors by path ("numbering.invoice"). */
export type FieldErrors = Map<string, string>;

export function fieldErrors(issues: readonly FieldIssue[]): FieldErrors {
  const map: FieldErrors = new Map();
  for (const i of issues) if (!map.has(i.path)) map.set(i.path, i.message);
  return map;
}

const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

interface InputProps {
  name: string;
  label: string;
  value?: string | null | undefined;
  type?: 'text' | 'email' | 'password' | 'url' | 'number' | 'date' | 'search';
  hint?: string | undefined;
  /** Path of this field in validation errors (defaults to name). */
  path?: string;
  errors?: FieldErrors | undefined;
  required?: boolean;
  autocomplete?: string;
  placeholder?: string;
  min?: number;
  max?: number;
  class?: string;
}

export const TextField: FC<InputProps> = (p) => {
  const id = fieldId(p.name);
  const error = p.errors?.get(p.path ?? p.name);
  const describedBy = [p.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div class={`field ${p.class ?? ''}`}>
      <label for={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        required={p.required}
        autocomplete={p.autocomplete}
        placeholder={p.placeholder}
        min={p.min}
        max={p.max}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
};

export const CheckField: FC<{
  name: string;
  label: string;
  checked: boolean;
  hint?: string | undefined;
  path?: string;
  errors?: FieldErrors | undefined;
}> = (p) => {
  const id = fieldId(p.name);
  const error = p.errors?.get(p.path ?? p.name);
  const describedBy = [p.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div class="field-check">
      {/* The hidden "0" makes an unchecked box arrive as false instead of missing. */}
      <input type="hidden" name={p.name} value="0" />
      <input
        type="checkbox"
        id={id}
        name={p.name}
        value="1"
        checked={p.checked}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      <div>
        <label for={id}>{p.label}</label>
        {p.hint ? (
          <p class="hint" id={`${id}-hint`}>
            {p.hint}
          </p>
        ) : null}
        {error ? (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
};

export const SelectField: FC<{
  name: string;
  label: string;
  value: string | null | undefined;
  options: { value: string; label: string }[];
  hint?: string | undefined;
  path?: string;
  errors?: FieldErrors | undefined;
  class?: string;
}> = (p) => {
  const id = fieldId(p.name);
  const error = p.errors?.get(p.path ?? p.name);
  const describedBy = [p.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div class={`field ${p.class ?? ''}`}>
      <label for={id}>{p.label}</label>
      <select
        id={id}
        name={p.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === (p.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
};

export const Banner: FC<PropsWithChildren<{ tone: 'danger' | 'warn' | 'test' | 'ok' | 'info'; role?: string }>> = ({
  tone,
  role,
  children,
}) => (
  <div class={`banner banner-${tone}`} role={role}>
    {children}
  </div>
);

// ---- icons (inline SVG: no external assets, decorative, hidden from screen readers) ----

export const SyncIcon: FC = () => (
  <svg class="icon icon-sync" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path
      d="M20 11a8 8 0 0 0-14.3-4.9L4 8M4 4v4h4M4 13a8 8 0 0 0 14.3 4.9L20 16M20 20v-4h-4"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    />
  </svg>
);

export const PdfIcon: FC = () => (
  <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path
      d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M9 13h6M9 17h6"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    />
  </svg>
);

export const ExternalIcon: FC = () => (
  <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path
      d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    />
  </svg>
);

export const BrandMark: FC = () => (
  <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
    <rect x="3" y="3" width="20" height="26" rx="3" fill="#ffffff" opacity="0.95" />
    <path d="M8 10h10M8 15h10M8 20h6" stroke="#14365d" stroke-width="2.2" stroke-linecap="round" />
    <circle cx="24" cy="22" r="6.5" fill="#2ea8ff" />
    <path
      d="M21.5 22h5M24.5 19.5l2.5 2.5-2.5 2.5"
      stroke="#ffffff"
      stroke-width="1.8"
      fill="none"
      stroke-linecap="round"
      stroke-linejoin="round"
    />
  </svg>
);

export const VisuallyHidden: FC<PropsWithChildren> = ({ children }) => <span class="visually-hidden">{children}</span>;

export type { Child };
