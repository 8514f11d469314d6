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

export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** What every field shares: its id, its error (looked up by path, default name) and the aria attributes that link them. */
export function fieldState(p: {
  name: string;
  path?: string | undefined;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
}) {
  const id = fieldId(p.name);
  const error = p.errors?.get(p.path ?? p.name);
  const describedBy = [p.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const aria = { 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy || undefined };
  return { id, error, aria };
}

export const FieldError: FC<{ id: string; error: string | undefined }> = ({ id, error }) =>
  error ? (
    <p class="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;

/** Hint and error below an input, with the ids its aria-describedby points to. */
const FieldNotes: FC<{ id: string; hint?: string | undefined; error: string | undefined }> = ({ id, hint, error }) => (
  <>
    {hint ? (
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    ) : null}
    <FieldError id={id} error={error} />
  </>
);

interface FieldProps {
  name: string;
  label: string;
  hint?: string | undefined;
  /** Path of this field in validation errors (defaults to name). */
  path?: string;
  errors?: FieldErrors | undefined;
}

interface InputProps extends FieldProps {
  value?: string | null | undefined;
  type?: 'text' | 'email' | 'password' | 'url' | 'number' | 'date' | 'search';
  required?: boolean;
  autocomplete?: string;
  placeholder?: string;
  min?: number;
  max?: number;
  class?: string;
}

export const TextField: FC<InputProps> = (p) => {
  const { id, error, aria } = fieldState(p);
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
        {...aria}
      />
      <FieldNotes id={id} hint={p.hint} error={error} />
    </div>
  );
};

export const TextAreaField: FC<FieldProps & { value: string; rows: number }> = (p) => {
  const { id, error, aria } = fieldState(p);
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <textarea id={id} name={p.name} rows={p.rows} {...aria}>
        {p.value}
      </textarea>
      <FieldNotes id={id} hint={p.hint} error={error} />
    </div>
  );
};

export const CheckField: FC<FieldProps & { checked: boolean }> = (p) => {
  const { id, error, aria } = fieldState(p);
  return (
    <div class="field-check">
      {/* The hidden "0" makes an unchecked box arrive as false instead of missing. */}
      <input type="hidden" name={p.name} value="0" />
      <input type="checkbox" id={id} name={p.name} value="1" checked={p.checked} {...aria} />
      <div>
        <label for={id}>{p.label}</label>
        <FieldNotes id={id} hint={p.hint} error={error} />
      </div>
    </div>
  );
};

/** A run of checkboxes of one form, one entry per box. */
export const CheckFields: FC<{
  fields: readonly { name: string; label: string; hint?: string; checked: boolean }[];
  errors: FieldErrors | undefined;
}> = ({ fields, errors }) => (
  <>
    {fields.map((f) => (
      <CheckField {...f} errors={errors} />
    ))}
  </>
);

export type Option = { value: string; label: string };

export const SelectField: FC<
  FieldProps & { value: string | null | undefined; options: readonly Option[]; class?: string }
> = (p) => {
  const { id, error, aria } = fieldState(p);
  return (
    <div class={`field ${p.class ?? ''}`}>
      <label for={id}>{p.label}</label>
      <select id={id} name={p.name} {...aria}>
        <Options options={p.options} selected={p.value ?? ''} />
      </select>
      <FieldNotes id={id} hint={p.hint} error={error} />
    </div>
  );
};

export const Options: FC<{ options: readonly Option[]; selected: string }> = ({ options, selected }) => (
  <>
    {options.map((o) => (
      <option value={o.value} selected={o.value === selected}>
        {o.label}
      </option>
    ))}
  </>
);

/** A select of the known choices, or a free text field where none are known (e.g. sevDesk not connected). */
export const ChoiceField: FC<FieldProps & { value: string; options: readonly Option[] | null }> = ({
  options,
  ...p
}) => (options ? <SelectField {...p} options={options} /> : <TextField {...p} />);

/** "PayPal (paypal)", or just the id when the shop gave no other title. */
export const paymentMethodLabel = (pm: { id: string; title: string }) =>
  pm.title === pm.id ? pm.id : `${pm.title} (${pm.id})`;

/** A group of fields under a legend, with an optional explanation first. */
export const Fieldset: FC<PropsWithChildren<{ legend: string; hint?: string }>> = ({ legend, hint, children }) => (
  <fieldset>
    <legend>{legend}</legend>
    {hint ? <p class="hint">{hint}</p> : null}
    {children}
  </fieldset>
);

export const Banner: FC<PropsWithChildren<{ tone: 'danger' | 'warn' | 'test' | 'ok' | 'info'; role?: string }>> = ({
  tone,
  role,
  children,
}) => (
  <div class={`banner banner-${tone}`} role={role}>
    {children}
  </div>
);

/** The answer to the last action: a confirmation (announced politely) and/or a problem (announced at once). */
export const Outcome: FC<{ ok?: Child; problem?: Child }> = ({ ok, problem }) => (
  <>
    {ok ? (
      <Banner tone="ok" role="status">
        {ok}
      </Banner>
    ) : null}
    {problem ? (
      <Banner tone="danger" role="alert">
        {problem}
      </Banner>
    ) : null}
  </>
);

/** A term and its value in a facts list, left out when there is no value. */
export const Fact: FC<{ term: string; value: Child | null | undefined; class?: string }> = (p) =>
  p.value === null || p.value === undefined || p.value === '' || p.value === false ? null : (
    <>
      <dt>{p.term}</dt>
      <dd class={p.class}>{p.value}</dd>
    </>
  );

/** A one-button form posting an action about the selected shop (CSRF and shop fields included). */
export const ActionForm: FC<
  PropsWithChildren<{
    action: string;
    csrfToken: string | null;
    shopId?: string | null | undefined;
    confirm?: string;
    button: Child;
    buttonClass?: string;
  }>
> = (p) => (
  <form method="post" action={p.action} data-confirm={p.confirm}>
    <CsrfField token={p.csrfToken} />
    <ShopField shopId={p.shopId} />
    <button type="submit" class={p.buttonClass}>
      {p.button}
    </button>
    {p.children}
  </form>
);

/** A navigation entry; the one for the current page is marked for screen readers and styling. */
export const NavItem: FC<{ href: string; current: boolean; label: string }> = ({ href, current, label }) => (
  <li>
    <a href={href} aria-current={current ? 'page' : undefined}>
      {label}
    </a>
  </li>
);

// ---- tables ----

/** Keyset paging: back to the newest page, and on to older entries when there are more. */
export const Pager: FC<{
  label: string;
  summary?: Child;
  newest: { href: string; text: string } | null;
  older: { href: string; text: string } | null;
}> = ({ label, summary, newest, older }) => (
  <nav class="pager" aria-label={label}>
    {summary ? <span class="muted">{summary}</span> : <span />}
    <span class="pager-links">
      {newest ? (
        <a class="btn btn-secondary" href={newest.href}>
          ← {newest.text}
        </a>
      ) : null}
      {older ? (
        <a class="btn btn-secondary" href={older.href} rel="next">
          {older.text} →
        </a>
      ) : null}
    </span>
  </nav>
);

export interface Column<R = never> {
  label: string;
  /** Numbers are right-aligned. */
  num?: boolean;
  cell?: (row: R) => Child;
}

/** The heading row of a data table; with selectAll, a first column with the select-all box. */
export const TableHead: FC<{ columns: readonly Column<never>[]; selectAll?: string }> = ({ columns, selectAll }) => (
  <thead>
    <tr>
      {selectAll ? (
        <th class="check" scope="col">
          <input type="checkbox" data-select-all aria-label={selectAll} />
        </th>
      ) : null}
      {columns.map((c) => (
        <th scope="col" class={c.num ? 'num' : undefined}>
          {c.label}
        </th>
      ))}
    </tr>
  </thead>
);

/** A responsive data table: each cell carries its column's label for the narrow layout. */
export function DataTable<R>(p: {
  columns: readonly (Column<R> & { cell: (row: R) => Child })[];
  rows: readonly R[];
  /** A totals row: its caption under the first column, then one value per further column. */
  foot?: { caption: Child; cells: Child[] };
}) {
  return (
    <div class="table-wrap">
      <table class="data responsive">
        <TableHead columns={p.columns} />
        <tbody>
          {p.rows.map((row) => (
            <tr>
              {p.columns.map((c) => (
                <td class={c.num ? 'num' : undefined} data-label={c.label}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {p.foot ? (
          <tfoot>
            <tr>
              <td data-label="">{p.foot.caption}</td>
              {p.foot.cells.map((cell, i) => (
                <td class={p.columns[i + 1]?.num ? 'num' : undefined} data-label={p.columns[i + 1]?.label}>
                  {cell}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

// ---- icons (inline SVG: no external assets, decorative, hidden from screen readers) ----

/** A line icon drawn with the current text colour. */
const LineIcon: FC<{ d: string; class?: string }> = (p) => (
  <svg class={p.class ? `icon ${p.class}` : 'icon'} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d={p.d} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
);

export const SyncIcon: FC = () => (
  <LineIcon class="icon-sync" d="M20 11a8 8 0 0 0-14.3-4.9L4 8M4 4v4h4M4 13a8 8 0 0 0 14.3 4.9L20 16M20 20v-4h-4" />
);

export const PdfIcon: FC = () => (
  <LineIcon d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M9 13h6M9 17h6" />
);

export const ExternalIcon: FC = () => (
  <LineIcon d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
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
