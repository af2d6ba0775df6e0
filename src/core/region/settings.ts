// «Настройки» of the regional workbook: the region's name, the indicator set and year the roll-up expects, who may
// act (the access list), and the ministry's monthly letter (its addresses, on or off). Set-up adds what is missing, as
// in a municipal workbook.
import { readSettings, SETTING, settingDefaults, type SettingDefault } from '../settings';
import type { Table } from '../table';
import { PRESET_IDS } from '../indicators/presets';

export const REGION_SETTING = { region: 'Регион' } as const;

/** Settings a regional workbook shares with a municipal one keep the municipal wording. */
const shared = (key: string): SettingDefault => settingDefaults().find((s) => s.key === key)!;

export function regionSettingDefaults(): SettingDefault[] {
  return [
    { key: REGION_SETTING.region, value: '', description: 'Название региона: в заголовках сводки и дашборда.' },
    {
      key: SETTING.preset,
      value: 'klin',
      description:
        `Набор показателей, который сводится по региону (${PRESET_IDS.join(', ')}). Книга муниципалитета с другим ` +
        'набором в сводку не входит: на листе «Муниципалитеты» будет сказано почему.',
    },
    {
      key: SETTING.year,
      value: '',
      description:
        'Год сводки. Пусто — год, за который рассчитаны показатели муниципалитетов. Если указан, книга с показателями ' +
        'за другой год в сводку не входит.',
    },
    {
      ...shared(SETTING.access),
      description:
        'Кто, кроме владельца книги, обновляет сводку, добавляет муниципалитеты и открывает дашборд (и его веб-приложение). ' +
        'Здесь только отображается; меняет владелец книги в «Маршрут → Настройки…».',
    },
    {
      key: SETTING.ministry,
      value: '',
      description:
        'E-mail сотрудников министерства через запятую: ежемесячное письмо с показателями региона и муниципалитетов (только сводные данные).',
    },
    shared(SETTING.digest),
    shared(SETTING.cells),
  ];
}

export interface RegionSettings {
  readonly preset: string;
  /** null: the year the municipalities computed. */
  readonly year: number | null;
  readonly region: string;
}

export function readRegionSettings(table: Table): RegionSettings {
  const settings = readSettings(table);
  const year = /^\s*(\d{4})\s*$/.exec(settings.get(SETTING.year) ?? '');
  return {
    preset: (settings.get(SETTING.preset) ?? '').trim().toLowerCase(),
    year: year ? Number(year[1]) : null,
    region: settings.get(REGION_SETTING.region) ?? '',
  };
}
