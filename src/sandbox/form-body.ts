// sevDesk also accepts application/x-www-form-urlencoded bodies (a PHP backend): `voucher[status]=100`,
// `voucherPosSave[0][taxRate]=19`, `tags[]=a`. This turns them into the JSON shape the validators check.

type Node = Record<string, unknown> | unknown[];

export function parseFormBody(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const [head = '', ...rest] = splitKey(rawKey);
    if (head === '') continue;
    let node: Node = root;
    const path = [head, ...rest];
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const last = i === path.length - 1;
      if (Array.isArray(node)) {
        const index = key === '' ? node.length : Number(key);
        if (last) node[index] = value;
        else {
          node[index] ??= nextContainer(path[i + 1]!);
          node = node[index] as Node;
        }
      } else if (last) {
        node[key] = value;
      } else {
        node[key] ??= nextContainer(path[i + 1]!);
        node = node[key] as Node;
      }
    }
  }
  return root;
}

/** `a[b][0][]` → ['a', 'b', '0', ''] */
function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const parts = [key.slice(0, open)];
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) parts.push(match[1]!);
  return parts;
}

/** PHP makes `[]` and numeric keys lists; sevDesk treats `voucherPosSave[0]` the same way. */
function nextContainer(key: string): Node {
  return key === '' || /^\d+$/.test(key) ? [] : {};
}
