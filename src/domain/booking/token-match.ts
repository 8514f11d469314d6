// Whole-token matching of a search key in a payment purpose. sevDesk's `paymtPurpose` filter is a substring match
// (sevdesk-api.md §3.3): 3718 would find 83718 and 37180. Here the key must stand on its own: the characters
// right before and after it must not be letters or digits. "Bestellung 3718, Kunde X", "#3718" and "RE-3718/1"
// match; "83718", "37180" and "Order3718" do not. Case and runs of whitespace (line breaks of bank purposes) are
// ignored.

const WORD_CHAR = /[\p{L}\p{N}]/u;

function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('de-DE');
}

/** Does `text` contain `key` as a whole token (or token sequence)? */
export function containsToken(text: string | null | undefined, key: string): boolean {
  if (!text) return false;
  const haystack = normalise(text);
  const needle = normalise(key);
  if (needle === '') return false;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = at > 0 ? haystack[at - 1]! : '';
    const after = haystack[at + needle.length] ?? '';
    // A boundary is only needed where the key itself starts or ends with a letter or digit.
    const startOk = !WORD_CHAR.test(needle[0]!) || before === '' || !WORD_CHAR.test(before);
    const endOk = !WORD_CHAR.test(needle[needle.length - 1]!) || after === '' || !WORD_CHAR.test(after);
    if (startOk && endOk) return true;
  }
  return false;
}
