import type { HolidaySchedule } from '../working-days.js';
import y2020 from './2020.json';
import y2021 from './2021.json';
import y2022 from './2022.json';
import y2023 from './2023.json';
import y2024 from './2024.json';
import y2025 from './2025.json';
import y2026 from './2026.json';

/**
 * The State Council's published holiday schedules (holiday-cn format, MIT; the
 * notice URLs are in each file's `papers`). A year missing here is provisional.
 */
export const SHIPPED_SCHEDULES: readonly HolidaySchedule[] = [y2020, y2021, y2022, y2023, y2024, y2025, y2026];
