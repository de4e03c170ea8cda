import { Lunar, Solar } from 'lunar-javascript';

/**
 * Statutory holidays by law (全国年节及纪念日放假办法, as amended in 2024, in force
 * from 2025): 元旦 1 day; 春节 除夕 and 正月初一–初三; 清明 the solar-term day;
 * 劳动节 1–2 May; 端午 五月初五; 中秋 八月十五; 国庆 1–3 October. A year whose
 * schedule is not yet published rests on these days and no others are guessed.
 */
export interface StatutoryDay {
  date: string;
  name: string;
  /** 除夕, statutory only since the 2024 amendment (in force 2025). */
  eve?: true;
}

const cache = new Map<number, StatutoryDay[]>();

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function statutoryHolidays(year: number): StatutoryDay[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const newYear = Lunar.fromYmd(year, 1, 1).getSolar();
  const days: StatutoryDay[] = [
    { date: ymd(year, 1, 1), name: '元旦' },
    { date: newYear.next(-1).toYmd(), name: '春节', eve: true },
    { date: newYear.toYmd(), name: '春节' },
    { date: newYear.next(1).toYmd(), name: '春节' },
    { date: newYear.next(2).toYmd(), name: '春节' },
    { date: qingming(year), name: '清明节' },
    { date: ymd(year, 5, 1), name: '劳动节' },
    { date: ymd(year, 5, 2), name: '劳动节' },
    { date: Lunar.fromYmd(year, 5, 5).getSolar().toYmd(), name: '端午节' },
    { date: Lunar.fromYmd(year, 8, 15).getSolar().toYmd(), name: '中秋节' },
    { date: ymd(year, 10, 1), name: '国庆节' },
    { date: ymd(year, 10, 2), name: '国庆节' },
    { date: ymd(year, 10, 3), name: '国庆节' },
  ];
  cache.set(year, days);
  return days;
}

function qingming(year: number): string {
  const table = Lunar.fromYmd(year, 3, 1).getJieQiTable();
  const day = table['清明'];
  // The lunar year's table always holds its 清明; the fallback is the astronomical norm.
  return day ? day.toYmd() : Solar.fromYmd(year, 4, 5).toYmd();
}
