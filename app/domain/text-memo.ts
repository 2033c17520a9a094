/**
 * Remembers a pure function's answers for the texts it saw last. Pages derive the same things
 * from the same texts on every request (the blameless lint of 500 whys, the HTML of a rich-text
 * section): the text is the key, so an edited text is simply a new key and nothing can go stale.
 * Memory is bounded by `budget`, counted in characters of the keys (plus 64 per entry; answers
 * are about as big as their texts or smaller): when the recent half is full it becomes the older
 * half and the oldest are forgotten.
 */
export function memoByText<T>(compute: (text: string) => T, budget = 4_000_000): (text: string) => T {
  let recent = new Map<string, T>();
  let older = new Map<string, T>();
  let used = 0;
  return (text) => {
    if (recent.has(text)) return recent.get(text) as T;
    const value = older.has(text) ? (older.get(text) as T) : compute(text);
    recent.set(text, value);
    used += text.length + 64;
    if (used >= budget / 2) {
      older = recent;
      recent = new Map();
      used = 0;
    }
    return value;
  };
}
