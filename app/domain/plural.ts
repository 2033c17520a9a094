/** "1 reminder", "3 reminders" (or the plural given, for words that do not take an s). */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
