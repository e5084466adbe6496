import type { Staff } from '../people/schemas';
import { stamp } from './common';
import { DEMO_IDS } from './ids';

/** The office's demo people. Every name is invented. */
export function demoStaff(): Staff[] {
  return [
    {
      id: DEMO_IDS.admin,
      name: 'Hélène Moreau',
      email: 'helene.moreau@demo.passerelle.example',
      role: 'admin',
      unit: 'International Affairs Office',
      title: 'Director of the International Affairs Office',
      languages: ['en', 'fr', 'zh'],
      ...stamp,
    },
    {
      id: DEMO_IDS.staff,
      name: 'Zhou Lan',
      email: 'zhou.lan@demo.passerelle.example',
      role: 'staff',
      unit: 'SPEIT International Team',
      title: 'International student advisor',
      languages: ['zh', 'en', 'fr'],
      ...stamp,
    },
    {
      id: DEMO_IDS.advisorFrench,
      name: 'Thomas Girard',
      email: 'thomas.girard@demo.passerelle.example',
      role: 'staff',
      unit: 'SPEIT International Team',
      title: 'International student advisor',
      languages: ['fr', 'en'],
      ...stamp,
    },
    {
      id: DEMO_IDS.frenchDean,
      name: 'Laurent Mercier',
      email: 'laurent.mercier@demo.passerelle.example',
      role: 'staff',
      unit: 'SPEIT',
      title: 'French Dean of SPEIT',
      languages: ['fr', 'en'],
      ...stamp,
    },
    {
      id: DEMO_IDS.deputyDirector,
      name: 'Sun Meiling',
      email: 'sun.meiling@demo.passerelle.example',
      role: 'staff',
      unit: 'Office of International Cooperation and Exchange',
      title: 'Deputy Director of the Office of International Cooperation and Exchange',
      languages: ['zh', 'en'],
      ...stamp,
    },
    {
      id: DEMO_IDS.programmeOfficer,
      name: 'Xu Ruoxi',
      email: 'xu.ruoxi@demo.passerelle.example',
      role: 'staff',
      unit: 'International Affairs Office',
      title: 'Programme officer, partnerships and online workshops',
      languages: ['zh', 'en', 'fr'],
      ...stamp,
    },
  ];
}
