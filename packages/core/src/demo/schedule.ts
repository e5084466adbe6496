import type { CountryCode, LocalizedText } from '../shared';
import { demoId } from './common';

/** A summer-school session: one event, its participants are students of kind `summer_school`. */
export interface SummerSchool {
  eventId: `evt_${string}`;
  title: LocalizedText;
  start: string;
  end: string;
  participants: number;
  nationalities: readonly (readonly [CountryCode, number])[];
}

/** Three sessions in 2025, two in 2024 (seed 000: "three sessions of summer schools"). */
export const SUMMER_SCHOOLS: readonly SummerSchool[] = [
  {
    eventId: demoId('evt', 10),
    title: {
      en: 'Sino-French Engineering Summer School 2024',
      zh: '2024中法工程暑期学校',
      fr: "École d'été franco-chinoise d'ingénierie 2024",
    },
    start: '2024-07-08',
    end: '2024-07-26',
    participants: 35,
    nationalities: [
      ['FR', 20],
      ['DE', 5],
      ['IT', 4],
      ['US', 3],
      ['JP', 3],
    ],
  },
  {
    eventId: demoId('evt', 11),
    title: {
      en: 'Chinese Language and Culture Summer School 2024',
      zh: '2024中国语言文化暑期学校',
      fr: "École d'été de langue et culture chinoises 2024",
    },
    start: '2024-08-05',
    end: '2024-08-23',
    participants: 33,
    nationalities: [
      ['FR', 18],
      ['ES', 5],
      ['GB', 4],
      ['BR', 3],
      ['MA', 3],
    ],
  },
  {
    eventId: demoId('evt', 12),
    title: {
      en: 'Sino-French Engineering Summer School 2025',
      zh: '2025中法工程暑期学校',
      fr: "École d'été franco-chinoise d'ingénierie 2025",
    },
    start: '2025-07-07',
    end: '2025-07-25',
    participants: 32,
    nationalities: [
      ['FR', 20],
      ['IT', 4],
      ['US', 4],
      ['JP', 4],
    ],
  },
  {
    eventId: demoId('evt', 13),
    title: {
      en: 'Chinese Language and Culture Summer School 2025',
      zh: '2025中国语言文化暑期学校',
      fr: "École d'été de langue et culture chinoises 2025",
    },
    start: '2025-07-14',
    end: '2025-08-01',
    participants: 30,
    nationalities: [
      ['FR', 16],
      ['ES', 5],
      ['GB', 5],
      ['BR', 4],
    ],
  },
  {
    eventId: demoId('evt', 14),
    title: {
      en: 'AI and Sustainable Energy Summer School 2025 (with TUM)',
      zh: '2025人工智能与可持续能源暑期学校（与慕尼黑工业大学合办）',
      fr: "École d'été IA et énergie durable 2025 (avec la TUM)",
    },
    start: '2025-08-04',
    end: '2025-08-22',
    participants: 28,
    nationalities: [
      ['DE', 14],
      ['FR', 10],
      ['MA', 4],
    ],
  },
];
