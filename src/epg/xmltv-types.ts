export interface GuideChannel {
  id: string;
  displayNames: string[];
  icon: string | null;
}

export interface LangText {
  value: string;
  lang: string | null;
}

/** The programme fields acehub keeps: the ones Kodi, Jellyfin and Plex show. Times are epoch ms. */
export interface Programme {
  start: number;
  stop: number | null;
  titles: LangText[];
  subTitles: LangText[];
  descs: LangText[];
  date: string | null;
  categories: LangText[];
  icon: string | null;
  episodeNums: { system: string | null; value: string }[];
  previouslyShown: boolean;
  isNew: boolean;
}
