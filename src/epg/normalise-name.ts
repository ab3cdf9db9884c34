const QUALITY_SUFFIX = /\s(?:hd|fhd|uhd|sd|4k|hevc|720p|1080p)$/;

/**
 * The key used to match a catalog name with a guide display-name: case, accents, brackets, spaces, dashes
 * and trailing quality tags ("HD", "FHD") do not count, as in Jellyfin's own matcher.
 */
export function normaliseName(name: string): string {
  let s = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[()[\]{}|]/g, ' ')
    .replace(/[-_.\u2010-\u2015]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let next = s.replace(QUALITY_SUFFIX, ''); next !== s; next = s.replace(QUALITY_SUFFIX, '')) s = next;
  return s.replace(/ /g, '');
}
