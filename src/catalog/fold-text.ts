/** Case- and accent-insensitive form for search: "Télé" and "tele" meet. */
export const foldText = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
