import type { ArticleInput } from '../knowledge';

/**
 * The demo knowledge base: the International Student Survival Guide and office FAQ of a
 * fictional campus (Passerelle Demo University, in the fictional coastal city of Lanhai).
 * Every place, extension, fee and address below is invented; the emergency numbers
 * 110/119/120/122 are the general ones used across China.
 *
 * Bodies are written with the words students actually type ("residence permit", "renew",
 * "居留许可", "续签", "titre de séjour"…) because the bot finds articles by BM25 search.
 */

type ArticleLanguage = ArticleInput['language'];

// Appended to every body so that no answer quoting an article passes for official advice.
const demoNote: Record<ArticleLanguage, string> = {
  en: '_Demo content for a fictional campus — not official advice._',
  zh: '_本文为虚构校园的演示内容，不构成官方建议。_',
  fr: "_Contenu de démonstration pour un campus fictif — ce n'est pas un avis officiel._",
};

function withDemoNote(article: ArticleInput): ArticleInput {
  return { ...article, body: `${article.body.trim()}\n\n${demoNote[article.language]}` };
}

const allStudents: ArticleInput['audience'] = ['all_students'];

// The eleven most asked topics, in English. Their zh and fr versions share the same topic slug.
const englishCore: ArticleInput[] = [
  {
    topic: 'arrival-registration',
    language: 'en',
    title: 'Register with the police within 24 hours of arrival (accommodation registration)',
    tags: ['police', 'registration', 'accommodation-registration', 'arrival', 'visa', 'address'],
    audience: allStudents,
    lastReviewedOn: '2025-08-25',
    body: `
# Register with the police within 24 hours of arrival

Chinese law requires every foreign national to complete an **accommodation registration** (住宿登记) with the local police within **24 hours** of arriving at a new address. This applies on your first arrival, every time you come back to China after a trip abroad, and every time you move.

## If you live in the International Residence (on campus)
1. Go to the front desk of Building 3 (open 24 hours) with your passport on the day you arrive.
2. The desk fills in the Accommodation Registration Form for you and files it with the Xinyuan Road Police Station.
3. Collect your copy of the form (临时住宿登记表) from the desk two working days later.

## If you live off campus
1. Within 24 hours, go with your landlord (or their agent) to the police station (派出所) responsible for your address.
2. Bring:
   - your passport, with the visa page and the entry stamp;
   - your rental contract;
   - the landlord's ID card and a copy of the property certificate;
   - your Chinese phone number.
3. Keep the stamped Accommodation Registration Form: you need it for the residence permit, the bank account and every renewal.

Hotels register you automatically, so a night in a hotel needs no visit to the police.

## Don't forget
- Late registration can lead to a warning or a fine, and it may delay your residence permit.
- Send a photo of your stamped form to visa@passerelle-demo.edu so the office can update your file.
- Questions? Visa Desk, International Affairs Office, Room 105, Minghui Building, ext. 6102 (Mon–Fri 08:30–11:30 and 13:30–17:00).
`,
  },
  {
    topic: 'residence-permit',
    language: 'en',
    title: 'Apply for your residence permit within 30 days of arrival (X1 visa)',
    tags: ['residence-permit', 'visa', 'x1', 'exit-entry', 'health-check', 'arrival', 'deadline'],
    audience: allStudents,
    lastReviewedOn: '2025-08-25',
    body: `
# Residence permit: apply within 30 days of arrival

If you entered China with an **X1 student visa**, the visa is only an entry document. You must turn it into a **residence permit** (居留许可) within **30 days of arrival**. X2 visa holders (stays of up to 180 days) do not need one.

## Step by step
1. **Accommodation registration** with the police, within 24 hours of arrival (see the guide on arrival registration).
2. **Health check** at the Lanhai International Travel Healthcare Centre. In September and March the office runs a free shuttle every Tuesday and Thursday: sign up at the Visa Desk. Results take about 3 working days.
3. **Study certificate** (在学证明): ask the Visa Desk; it is ready in 2 working days.
4. **Submit your application** at the Lanhai Exit-Entry Administration Bureau, 88 Haiyun Road (Mon–Fri 09:00–12:00 and 13:30–17:00). Book a slot online first.

## What to bring
- passport with your X1 visa and entry stamp, plus copies of the photo, visa and stamp pages;
- your JW202 form and admission letter (original and copy);
- the stamped Accommodation Registration Form;
- the health check report;
- one recent 2-inch photo (white background, 33 × 48 mm);
- the study certificate;
- the fee: CNY 400 for a permit of up to one year (bank card or mobile payment).

## After you apply
The bureau keeps your passport for **7 working days** and gives you a receipt. Carry the receipt as your ID and do not travel out of Lanhai. Collect the passport with the receipt, then send a scan of the residence permit page to visa@passerelle-demo.edu.

Visa Desk: Room 105, Minghui Building, ext. 6102.
`,
  },
  {
    topic: 'residence-permit-renewal',
    language: 'en',
    title: 'Renew your residence permit at least 30 days before it expires',
    tags: ['residence-permit', 'renewal', 'renew', 'extension', 'visa', 'expiry', 'deadline'],
    audience: allStudents,
    lastReviewedOn: '2025-08-25',
    body: `
# Renewing your residence permit

Your residence permit (居留许可) is valid until the date printed on the permit page of your passport. If your studies continue beyond that date, you must **renew** (extend) it. Apply **at least 30 days before it expires**: the bureau keeps your passport for 7 working days, and a late application can leave you without a valid permit.

Not sure of the date? Ask Passerelle on WeChat: "When does my residence permit expire?" The office also sends a reminder 60 days and 30 days before the expiry date.

## Before you go
1. Check that your **health insurance** covers the whole new period; renew it first if needed.
2. Request a new **study certificate** from the Visa Desk (3 working days). It is issued only if your tuition is paid and your attendance meets the academic rules.
3. Make sure your **accommodation registration** matches your current address.

## What to bring to the Exit-Entry Administration Bureau
- passport with the current residence permit;
- the new study certificate (在学证明);
- your current Accommodation Registration Form;
- one 2-inch photo, white background;
- the application form, filled in online and printed;
- proof of health insurance for the new period;
- the fee (CNY 400 per year of validity).

## Good to know
- A renewal is usually granted until the end of your programme or for one year, whichever comes first.
- If your passport expires soon, renew the **passport** first: the permit cannot outlast it.
- Changing programme, for example from exchange to degree? Read the guide on changing or extending your programme instead.

Visa Desk: Room 105, Minghui Building, ext. 6102, visa@passerelle-demo.edu.
`,
  },
  {
    topic: 'health-insurance',
    language: 'en',
    title: 'Health insurance: mandatory cover, how to buy or renew it, and claims',
    tags: ['insurance', 'health-insurance', 'renew', 'claim', 'mandatory', 'hospital'],
    audience: allStudents,
    lastReviewedOn: '2025-08-25',
    body: `
# Health insurance: mandatory for every international student

Every international student must hold valid **health insurance** for the **whole stay** in China. Without it you cannot register for courses, get a study certificate, or apply for or renew a residence permit.

## Option 1: the campus student health plan (recommended)
- Cost: CNY 400 per semester or CNY 800 per year.
- Covers inpatient care up to CNY 400,000, outpatient care, accidents and emergency evacuation.
- **How to buy:** during registration week at the Insurance Desk (Room 107, Minghui Building), or online in the student portal under "Insurance". Pay by bank card, Alipay or WeChat Pay.
- Your policy certificate arrives by email within 3 working days.

## Option 2: your own insurance
Accepted only if it is valid in mainland China for your whole stay, covers inpatient care of at least CNY 400,000, and is written in English or Chinese. Bring the policy to the Insurance Desk in your first week to have it checked.

## Renewing
Insurance is not renewed automatically. You receive a reminder 30 days before your cover ends: **renew** in the portal before the end date so there is no gap. Passerelle can tell you when your insurance expires.

## Making a claim
1. At the hospital, ask for the **invoice** (发票), the itemised bill and the medical record.
2. Fill in the claim form (at the Insurance Desk or in the portal).
3. Hand in everything within **30 days** of treatment. Refunds go to your Chinese bank account in 2–4 weeks.
4. At the International Medical Department of Lanhai First People's Hospital, the campus plan pays the hospital directly: just show your insurance card.

Insurance Desk: ext. 6104, insurance@passerelle-demo.edu, Mon–Fri 08:30–11:30 and 13:30–17:00.
`,
  },
  {
    topic: 'bank-account',
    language: 'en',
    title: 'Opening a bank account and getting a bank card',
    tags: ['bank', 'bank-account', 'bank-card', 'money', 'scholarship', 'payment'],
    audience: allStudents,
    lastReviewedOn: '2025-09-01',
    body: `
# Opening a bank account

A Chinese **bank account** with a debit card (银行卡) lets you receive your scholarship, pay tuition and rent, and link a card to Alipay or WeChat Pay for everyday payments.

## Where
The bank branch on the ground floor of the Student Service Centre: Mon–Fri 09:00–17:00, Sat 10:00–16:00. In the first two weeks of September and March the branch opens a counter for international students with English-speaking staff.

## What to bring
- your **passport**;
- your **residence permit** or, if it is still being processed, your X1/X2 visa, the residence permit receipt and your Accommodation Registration Form;
- a **Chinese phone number** registered in your own name (get your SIM card first);
- your campus card or admission letter;
- your address in Chinese (your dorm address is on the housing contract).

## Steps
1. Take a number and tell the clerk you are a foreign student and want to open a personal account with a debit card.
2. Fill in the form and choose a 6-digit PIN.
3. Ask the clerk to **activate mobile banking** and online payments: many students forget and then cannot link the card to payment apps.
4. Keep the slip showing your account number: the Scholarship Office needs it.

## Good to know
- Opening an account is free; some banks charge a small yearly card fee.
- Foreign cash can be exchanged at the counter with your passport.
- Receiving money from abroad is easy; sending money abroad requires proof of where it comes from (scholarship letter, payslip). Ask at the counter.
- When your residence permit is renewed, show the new permit at the bank, or the account may be frozen.

Questions: iao@passerelle-demo.edu, ext. 6101.
`,
  },
  {
    topic: 'phone-and-sim-card',
    language: 'en',
    title: 'Getting a phone number, a SIM card and mobile payment apps',
    tags: ['phone', 'sim-card', 'mobile', 'alipay', 'wechat-pay', 'mobile-payment', 'internet'],
    audience: allStudents,
    lastReviewedOn: '2025-09-01',
    body: `
# Phone, SIM card and mobile payment

In China your **phone number** is the key to almost everything: the bank, mobile payment, food delivery, taxis and the campus apps all send codes by SMS. Get a local **SIM card** in your first days.

## Where to buy a SIM card
- **On campus:** the three carriers (China Mobile, China Unicom and China Telecom) have counters on the ground floor of the Student Service Centre, every day 09:00–19:00. During orientation week they offer student plans with plenty of data.
- **In town:** any carrier's official shop. Avoid street sellers: a SIM card must be registered in your own name.

## What to bring
- your passport (real-name registration is compulsory; the shop takes your photo);
- an unlocked phone;
- cash, a foreign card, or a friend who can pay with a mobile app.

## Mobile payment apps
Cash and cards are accepted in fewer and fewer places, so set up **Alipay** or **WeChat Pay**:
1. Install the app and sign up with your Chinese phone number.
2. Verify your identity with your passport.
3. Link a card: a foreign Visa or Mastercard works for small payments; a Chinese **bank card** gives higher limits and lower fees.

## Tips
- Keep the same number for your whole stay: changing it means updating the bank, the apps and your file at the office.
- Tell the office your number: email iao@passerelle-demo.edu or update it in the student portal.
- Plans are prepaid; top up in the carrier's app or with Alipay or WeChat Pay.
- Campus Wi-Fi uses your student ID; for problems, call the IT Help Desk at ext. 6150.
`,
  },
  {
    topic: 'housing',
    language: 'en',
    title: 'Housing: campus dorms (International Residence) and living off campus',
    tags: ['housing', 'dorm', 'accommodation', 'off-campus', 'rent', 'landlord', 'police'],
    audience: allStudents,
    lastReviewedOn: '2025-09-01',
    body: `
# Housing: campus dorms and living off campus

## International Residence (on campus)
Most international students live in the **International Residence**, Buildings 3 and 4 on East Campus.
- Rooms: single (CNY 1,200 per month) or double (CNY 800 per month per person), with air conditioning, private bathroom, desk and Wi-Fi. Shared kitchens and laundry on each floor.
- **Apply** in the student portal after admission; rooms are given in order of application. Deadlines: 30 June for the autumn semester, 15 December for the spring semester.
- **Check-in:** front desk of Building 3, open 24 hours. Bring your passport, admission letter and proof of health insurance; pay the deposit (one month) and the first semester's rent.
- The front desk does your police accommodation registration when you check in.

## House rules
- Quiet hours 23:00–07:00.
- Visitors sign in at the front desk and leave by 22:30; no overnight guests.
- No cooking appliances, candles or unfused extension cords in rooms.
- Report repairs in the portal or at the front desk; most are fixed within 2 working days.

## Living off campus
You may rent a flat off campus, but you must:
1. Sign a written rental contract with the owner (have the Housing Desk check it before you sign).
2. Register with the local police within **24 hours** of moving in, together with your landlord.
3. Hand in the Off-Campus Housing Declaration at the Housing Desk within **7 days**, with a copy of the contract and of the police registration form.

Deposits are usually one or two months' rent, and agents charge about one month's rent. Never pay before you have seen the flat and the owner's property certificate.

Housing Desk: Room 110, Minghui Building, ext. 6103, housing@passerelle-demo.edu.
`,
  },
  {
    topic: 'health-care',
    language: 'en',
    title: 'Health care: campus clinic, hospitals and English-speaking doctors',
    tags: ['health', 'clinic', 'doctor', 'hospital', 'medical', 'english-speaking', 'sick'],
    audience: allStudents,
    lastReviewedOn: '2025-09-01',
    body: `
# Health care: campus clinic, hospitals and English-speaking doctors

## Campus clinic
- Where: Building 12, West Campus, next to the sports ground.
- Hours: Mon–Fri 08:00–17:00; Sat–Sun 09:00–12:00 for urgent cases.
- Phone: ext. 6120. Email: clinic@passerelle-demo.edu.
- **English-speaking doctor:** Tuesday and Thursday afternoons; book in the student portal or at ext. 6120.
- Bring your campus card. Consultations are free; medicine is charged at cost and covered by the campus health plan.
- The clinic issues sick-leave certificates for missed classes.

## Hospitals
For specialists, tests or anything the clinic cannot treat:
- **Lanhai First People's Hospital, International Medical Department:** English-speaking staff, appointments by phone or in its app, direct billing with the campus health plan. Metro Line 2, People's Hospital station.
- **Lanhai Women's and Children's Hospital:** gynaecology and pregnancy.

At a public hospital you first **register** (挂号) for a department at the counter or in the hospital's app, then wait for your number. Bring your passport or residence permit, your insurance card and a phone with mobile payment.

## At night or in an emergency
- Call **120** for an ambulance, or take a taxi to the hospital's emergency department (急诊).
- Campus security (ext. 6110, 24 hours) can call an ambulance and send someone with you.
- Tell the office afterwards so we can help with your insurance claim and your classes.

## Tips
- Keep the invoice (发票) and the medical record of every visit for insurance claims.
- Pharmacies with a green cross sell common medicines; other drugs need a doctor's prescription.
- If you take regular medication, bring a supply and a letter from your doctor.
`,
  },
  {
    topic: 'academic-rules',
    language: 'en',
    title: 'Academic rules: attendance, credits, grading, exams and academic integrity',
    tags: ['academic', 'attendance', 'credits', 'grades', 'exams', 'plagiarism', 'leave'],
    audience: allStudents,
    lastReviewedOn: '2025-09-01',
    body: `
# Academic rules: attendance, credits, grades and exams

## Attendance
- Attendance is compulsory. If you miss more than **one third** of the classes of a course, you cannot sit the final exam and the course is failed.
- To be absent, ask for **leave** in the student portal *before* the class; your advisor approves it. If you are ill, upload the clinic's sick-leave certificate within 3 days.
- Poor attendance is reported to the International Affairs Office and can stop your study certificate, and with it the renewal of your residence permit.

## Credits
- 1 credit = 16 class hours.
- Degree students take at least 12 and at most 30 credits per semester.
- Exchange and dual-degree students follow the courses in their learning agreement; any change needs the approval of both universities.
- Add or drop courses in the portal during the **first two weeks** of the semester only.

## Grades
- Courses are marked out of 100; the pass mark is **60**.
- 90–100 = A (4.0), 80–89 = B, 70–79 = C, 60–69 = D, below 60 = F.
- Your transcript is in the portal; official transcripts for your home university are sent by the Academic Affairs Office.

## Exams
- Final exams take place in the last two weeks of each semester; the timetable is published in week 12.
- Bring your **campus card**; phones and smart watches stay in your bag.
- If you fail, you may take one **make-up exam** at the start of the next semester.

## Academic integrity
Plagiarism, cheating, submitting someone else's work, using AI tools without permission and fabricating data are serious offences. Penalties range from a zero for the work to suspension or expulsion. Cite your sources; when in doubt, ask your teacher.

Academic Affairs Office: Room 201, Minghui Building, ext. 6140, academic@passerelle-demo.edu.
`,
  },
  {
    topic: 'emergencies',
    language: 'en',
    title: 'Emergencies: 110, 119, 120, campus security and what to do',
    tags: ['emergency', 'police', 'fire', 'ambulance', 'security', 'safety', 'typhoon'],
    audience: allStudents,
    lastReviewedOn: '2025-09-01',
    body: `
# Emergencies: who to call and what to do

## Emergency numbers (free from any phone in China)
| Number | Service |
| --- | --- |
| **110** | Police |
| **119** | Fire |
| **120** | Ambulance |
| **122** | Traffic accidents |
| **ext. 6110** | Campus security, 24 hours (the number for mobiles is on the back of your campus card) |

Operators mostly speak Chinese. Speak slowly, give your **address in Chinese**, and if you can, ask a Chinese-speaking friend or campus security to call for you.

## What to do
1. **Get safe first.** In a fire, leave the building by the stairs, never the lift.
2. **Call** the right number. On campus, call campus security as well: they know every building and can guide the ambulance or the fire brigade.
3. **Tell the office.** Outside office hours, campus security will reach the International Affairs Office duty officer for you. Let your buddy or a friend know where you are.
4. **Keep documents.** After a theft or an accident, ask the police for a report; after treatment, keep the invoices for your insurance claim.

## Be prepared
- Save the numbers above and your dorm address in Chinese in your phone.
- Carry your passport or residence permit, or at least a photo of them.
- Lanhai is on the coast: follow the typhoon warnings sent by the campus app and stay indoors when a red warning is issued.
- Join the fire drill held in the International Residence in the first month of each semester.

## Not an emergency, but urgent?
A lost passport, a conflict with a landlord, feeling unsafe or overwhelmed: call the office (ext. 6101) during office hours or the counselling service (ext. 6130).
`,
  },
  {
    topic: 'contacts',
    language: 'en',
    title: 'Whom to contact: the International Affairs Office, advisors and buddies',
    tags: ['contact', 'office', 'office-hours', 'email', 'advisor', 'buddy', 'help'],
    audience: allStudents,
    lastReviewedOn: '2025-09-01',
    body: `
# Whom to contact

## International Affairs Office
Your first stop for any question about life as an international student.
- **Where:** Room 105, Minghui Building, East Campus
- **Office hours:** Mon–Fri 08:30–11:30 and 13:30–17:00 (closed on public holidays)
- **Phone:** ext. 6101 (from a mobile, call the switchboard printed on the back of your campus card)
- **Email:** iao@passerelle-demo.edu; we answer within 2 working days
- **WeChat:** ask Passerelle, the office's bot, in English, Chinese or French, at any time

## Desks of the office
| Question | Desk | Extension | Email |
| --- | --- | --- | --- |
| Visa, residence permit, police registration | Visa Desk | 6102 | visa@passerelle-demo.edu |
| Dorms and off-campus housing | Housing Desk | 6103 | housing@passerelle-demo.edu |
| Health insurance and claims | Insurance Desk | 6104 | insurance@passerelle-demo.edu |
| Buddy programme, events | Student Life | 6105 | buddy@passerelle-demo.edu |

## Your advisor
Every student has an **academic advisor**, a teacher of your institute who approves your courses, leave requests and changes to your learning agreement. Ask Passerelle "Who is my advisor?" to get the name and email. Advisors hold office hours every week; book a slot by email.

## Your buddy
A Chinese student volunteer who helps you in your first weeks: airport pick-up, SIM card, bank account, canteens. See the guide on the buddy programme.

## Elsewhere on campus
- Academic Affairs Office (courses, exams, transcripts): ext. 6140, academic@passerelle-demo.edu
- Campus clinic: ext. 6120, clinic@passerelle-demo.edu
- Counselling service: ext. 6130, counselling@passerelle-demo.edu
- Campus security (24 hours): ext. 6110
`,
  },
];

// The rest of the Survival Guide, in English only.
const englishGuide: ArticleInput[] = [
  {
    topic: 'visa-types',
    language: 'en',
    title: 'Student visas: X1 or X2, and what each one means after arrival',
    tags: ['visa', 'x1', 'x2', 'jw202', 'residence-permit', 'before-arrival', 'embassy'],
    audience: allStudents,
    lastReviewedOn: '2025-06-16',
    body: `
# Student visas: X1 and X2

China issues two kinds of student visa. Which one you get depends on the length of your programme, and it changes what you must do after arrival.

## X1 visa: more than 180 days
For degree students, dual-degree students, and exchange students staying more than 180 days.
- Usually valid for a single entry and 30 days of stay.
- Within **30 days of arrival** you must apply for a **residence permit**; it replaces the visa and allows multiple entries.
- Documents for the embassy or consulate: passport, admission letter, **JW202 form** (the visa application form for study in China), the visa application form, a photo, and the health check form if the embassy asks for it.

## X2 visa: 180 days or less
For one-semester exchange students, summer-school participants, interns and short-term visiting students.
- Valid for the number of days written on the visa ("duration of each stay").
- No residence permit needed, but you still register with the police within **24 hours** of arrival.
- An X2 visa can rarely be extended in China. If your stay may last longer than its duration, tell the office **before** you apply, so that we can issue the documents for an X1.

## Other visas
Do not come to study on a tourist (L) or business (M) visa: it cannot be converted into a student residence permit, and you would have to leave China and apply again.

## Check your visa when you receive it
- The visa type, the number of entries and the duration of stay are printed on the visa.
- Your passport should be valid at least 6 months beyond the end of your programme.

Questions before you travel: visa@passerelle-demo.edu, ext. 6102.
`,
  },
  {
    topic: 'programme-change-extension',
    language: 'en',
    title: 'Changing or extending your programme (and what it means for your visa)',
    tags: ['programme', 'extension', 'extend', 'change', 'residence-permit', 'visa', 'withdrawal'],
    audience: ['degree', 'exchange', 'dual_degree', 'intern'],
    lastReviewedOn: '2025-10-13',
    body: `
# Changing or extending your programme

Your visa and residence permit are tied to your programme and its dates. If either changes, your documents must change too.

## Extending your stay
For example, your exchange semester becomes a full year, or your thesis needs an extra semester.
1. Get the agreement of your advisor and, for exchange and dual-degree students, of your home university.
2. Submit the **Programme Extension Form** (student portal, Forms) at least **two months** before your current programme ends.
3. The Academic Affairs Office issues a new admission letter with the new end date.
4. With that letter, renew your residence permit at least 30 days before the current one expires.
5. Extend your health insurance and your dorm contract to the new end date.

## Changing programme
Moving from exchange to a degree, from bachelor to master, or to another institute is a new admission:
- Apply through the normal admission process (deadlines: 31 March for autumn, 31 October for spring).
- A new JW202 form is issued, and the Visa Desk tells you whether you can change your residence permit in China or must apply for a new visa from abroad.

## Leaving early or pausing your studies
Withdrawing or taking a leave of absence ends your programme: the office must report it, and your residence permit will be cancelled. Talk to your advisor and the office first, and read the guide on leaving China.

## Short-term students
X2 visa holders (summer school, short-term visits, internships of up to 180 days) usually cannot extend their stay in China. Contact the office as early as possible.

Visa Desk: ext. 6102, visa@passerelle-demo.edu. Academic Affairs Office: ext. 6140.
`,
  },
  {
    topic: 'leaving-china',
    language: 'en',
    title: 'Leaving China: departure checklist, deregistration and exit',
    tags: ['departure', 'exit', 'deregistration', 'leaving', 'clearance', 'graduation', 'overstay'],
    audience: allStudents,
    lastReviewedOn: '2026-05-11',
    body: `
# Leaving China: deregistration and exit

Whether you graduate, finish an exchange or withdraw, complete these steps before you fly home.

## Four weeks before departure
- Book your flight **before** your residence permit or visa expires. Staying even one day longer is an overstay, which is illegal and can lead to fines or detention.
- If you need a few more days (for example to collect your diploma), ask the Visa Desk about a short stay permit **before** your permit expires.
- Ask the Academic Affairs Office for your transcript and, if you are an exchange student, the signed learning agreement.

## Two weeks before
1. **Departure clearance form:** collect it at the International Affairs Office and get it stamped by the library (books returned), the Finance Office (fees paid), the Housing Desk (room checked) and your institute.
2. **Housing:** book a check-out inspection; your deposit is refunded to your Chinese bank account after it.
3. **Off-campus students:** tell your landlord and the local police that you are leaving, so that your accommodation registration is closed.

## Last days
- Keep your bank account or close it; withdraw or transfer your money first, and unlink the card from Alipay and WeChat Pay if you close it.
- Cancel your phone plan, or switch to a minimum plan if you want to keep the number.
- Return your campus card to the Campus Card Centre; the balance is refunded.
- Hand in the completed clearance form at the office: we then record your departure and close your student file.

## After you leave
Stay in touch with the alumni network: alumni@passerelle-demo.edu.
`,
  },
  {
    topic: 'internships',
    language: 'en',
    title: 'Internships for international students: approval and residence permit note',
    tags: ['internship', 'intern', 'work', 'job', 'careers', 'residence-permit', 'company'],
    audience: ['degree', 'exchange', 'dual_degree', 'intern'],
    lastReviewedOn: '2025-11-03',
    body: `
# Internships for international students

International students may do internships in China, but only with approval: working without it breaks the terms of your residence permit.

## Who can do an internship
- Degree and dual-degree students, when the internship is part of the programme or approved by the institute.
- Exchange students, if the learning agreement includes it.
- Students of an intern programme under the agreement with their home university; the Visa Desk tells you which documents apply to your visa.

## Off-campus internship: steps
1. Find an internship and get an offer letter from the company with the dates, place and tasks.
2. Ask your advisor to approve it and sign the **Internship Approval Form** (student portal, Forms).
3. The International Affairs Office issues a letter for the Exit-Entry Administration Bureau.
4. Take your passport, residence permit, the company letter and the office letter to the bureau. It adds an **internship note** (实习) to your residence permit with the company name and dates. Allow 7 working days.
5. Only then start work.

## Rules
- The internship must end before your residence permit expires and before your programme ends.
- Full-time employment is not allowed on a study residence permit.
- An internship allowance is possible; the company handles tax (see the guide on tax and scholarships).
- On-campus jobs (teaching or lab assistant) need the institute's approval but no note on the permit.

## Where to find internships
- The Careers Centre: job fairs every October and April and weekly offers on the careers page.
- Partner companies of the Sino-French institute, announced in the Friday newsletter.

Careers Centre: Room 301, Student Service Centre, ext. 6160, careers@passerelle-demo.edu.
`,
  },
  {
    topic: 'chinese-language-courses',
    language: 'en',
    title: 'Chinese language courses, HSK and language partners',
    tags: ['chinese', 'language', 'mandarin', 'course', 'hsk', 'language-partner'],
    audience: allStudents,
    lastReviewedOn: '2025-08-18',
    body: `
# Chinese language courses

Learning some Chinese makes daily life much easier, even if your courses are taught in English or French.

## Free courses for international students
The Chinese Language Centre offers free Mandarin courses every semester:
- **Levels:** Beginner 1 and 2, Intermediate 1 and 2, Advanced. A placement test is held in the first week.
- **Schedule:** 4 hours a week, on Monday and Wednesday evenings (18:30–20:00) or on Saturday morning.
- **Credits:** 2 credits per course; exchange students can usually add them to their learning agreement.
- **Enrolment:** in the student portal (Courses, Chinese language) during the first two weeks of the semester.

## Intensive courses
- A two-week **intensive course** (30 hours) runs before the autumn semester, with practical topics: shopping, seeing a doctor, the bank, transport.
- The summer school includes daily Chinese classes.

## HSK exam
The HSK (Chinese proficiency test) is held on campus four times a year. Register on the official HSK website about a month in advance; the Language Centre runs a preparation workshop two weeks before each session.

## Practise outside class
- **Language partners:** we match you with a Chinese student who wants to practise English or French. Sign up at buddy@passerelle-demo.edu.
- **Chinese corner:** every Thursday at 19:00 in the International Residence lounge.
- The library lends graded readers and textbooks.

Chinese Language Centre: Room 210, Building 8, ext. 6170, chinese@passerelle-demo.edu.
`,
  },
  {
    topic: 'campus-card',
    language: 'en',
    title: 'Campus card: getting it, topping it up and replacing a lost card',
    tags: ['campus-card', 'student-id', 'card', 'top-up', 'lost', 'canteen'],
    audience: allStudents,
    lastReviewedOn: '2025-08-18',
    body: `
# Campus card

Your **campus card** (校园卡) is your student ID and your wallet on campus.

## What it does
- Opens the International Residence, the library and the sports centre.
- Pays in canteens, campus shops, laundry machines and printers.
- Serves as your ID in exams and at the clinic.
- Carries, on the back, the numbers of the campus switchboard and of campus security.

## Getting your card
1. Upload a photo in the student portal before you arrive (white background, no hat).
2. Collect the card at registration during the welcome orientation, with your passport.
3. Activate it in the campus app to see your balance and payments.

## Topping up
- in the campus app, with Alipay, WeChat Pay or a Chinese bank card;
- at the top-up machines in every canteen;
- with cash at the Campus Card Centre.

Money is available at once, and the balance is shown in the app.

## Lost card
1. **Freeze** it at once in the campus app or by calling ext. 6180.
2. Get a new card at the Campus Card Centre with your passport (CNY 20); the balance moves to the new card.

Found a card? Hand it to any canteen cashier.

## When you leave
Return the card to the Campus Card Centre; the remaining balance is refunded to your bank account.

Campus Card Centre: ground floor, Student Service Centre, Mon–Fri 08:30–17:00, ext. 6180.
`,
  },
  {
    topic: 'library',
    language: 'en',
    title: 'Library: opening hours, borrowing, e-resources and study rooms',
    tags: ['library', 'books', 'borrow', 'study-room', 'databases', 'opening-hours'],
    audience: allStudents,
    lastReviewedOn: '2025-08-18',
    body: `
# Library

## Opening hours
- Main Library (Building 1): every day 08:00–22:00 during the semester; 09:00–17:00 in the holidays.
- A 24-hour study room on the ground floor opens with your campus card.

## Borrowing
- Enter and borrow with your **campus card**.
- Bachelor and exchange students: up to 10 books for 30 days. Master and PhD students: 20 books for 60 days.
- Renew online in the library portal, twice, unless someone has reserved the book.
- Late returns cost CNY 0.10 per book per day, and your departure clearance form is not stamped until you pay.

## Foreign-language collections
- English and French books are on the 3rd floor; the Sino-French collection holds the engineering textbooks used in your courses.
- Graded readers and Chinese textbooks are on the 2nd floor.

## Electronic resources
- Journals, e-books and databases are available on and off campus through the library portal, with your student ID.
- Citation workshops (in English) in weeks 3 and 9 help you avoid plagiarism.

## Study rooms
Group study rooms for 4 to 8 people can be booked in the library portal, for up to 3 hours a day. They are also the quietest place to join an online workshop.

## Rules
- Silence on every floor except the ground-floor café.
- No food in the reading rooms; drinks with a lid are fine.
- Don't leave belongings to keep a seat: they are removed after 30 minutes.

Information desk: ground floor, ext. 6190, library@passerelle-demo.edu.
`,
  },
  {
    topic: 'transport',
    language: 'en',
    title: 'Getting around: airport pick-up, metro, buses, taxis and trains',
    tags: ['transport', 'metro', 'airport', 'taxi', 'bus', 'train', 'pick-up'],
    audience: allStudents,
    lastReviewedOn: '2025-08-18',
    body: `
# Getting around: airport, metro, buses, taxis and trains

## From the airport to campus
Lanhai Binjiang International Airport is 40 km from campus.
- **Pick-up service:** on the arrival days before each semester, buddies and a campus shuttle meet new students at Terminal 2. Book it in the student portal at least 5 days before your flight.
- **Metro:** Line 2 to People's Square, then Line 7 to **Campus North** station. About 70 minutes, CNY 8.
- **Taxi:** about CNY 150 and 50 minutes. Use the official taxi rank only, and show the driver the campus address in Chinese: 澜海市新园路1号 Passerelle演示大学东门.

## Metro and buses
- The metro runs from about 06:00 to 23:00. **Campus North** station (Line 7, exit 3) is next to the East Gate.
- Pay with the transport QR code in Alipay or WeChat Pay, or buy a transport card at any station.
- Buses 15 and 82 stop at the East Gate.

## Taxis and ride-hailing
- Ride-hailing services inside Alipay and WeChat have English menus; save the East Gate as a favourite place.
- Check the licence plate before you get in.

## Bikes
Shared bikes are everywhere; unlock them with the app. Park only in marked areas; bikes are not allowed in the International Residence courtyard.

## Trains
High-speed trains leave from Lanhai South Station (Line 7). Buy tickets in the official railway app with your passport number, and bring that passport to the station.

## Travelling outside Lanhai
Carry your passport with your visa or residence permit; hotels must register you with the police. If your residence permit is being processed, your passport is at the bureau: wait until you have it back.
`,
  },
  {
    topic: 'tax-and-scholarships',
    language: 'en',
    title: 'Scholarships, stipends, tuition payment and tax',
    tags: ['scholarship', 'stipend', 'tax', 'tuition', 'fees', 'money', 'finance'],
    audience: allStudents,
    lastReviewedOn: '2026-02-23',
    body: `
# Scholarships and tax

## Scholarships
- **Institute scholarships** for degree and dual-degree students: full or partial tuition waiver and a monthly stipend. Apply in the student portal between 1 and 31 March for the next academic year.
- **Excellence awards** for the best students of each year, announced in October.
- **Exchange mobility grants** are paid by your home university, not by us: ask your home office.

## Getting paid
- Stipends are paid on the **10th of each month** into your Chinese bank account. Give your account number to the Scholarship Office at registration.
- The stipend stops if you are away from campus for more than 30 days without approved leave, or if your attendance or grades fall below the scholarship conditions.
- Every scholarship is reviewed each year: keep your grades above the required average.

## Tax
- Scholarships and stipends for study are generally **not taxed** in China.
- Money earned for work, such as an internship allowance or a teaching-assistant payment, may be subject to individual income tax. The employer withholds it, and you can check it in the official tax app with your passport number.
- Keep your payslips: you need them to send money abroad.
- Tax depends on your situation, and this guide cannot tell you what you owe: ask the Finance Office.

## Paying tuition
Pay tuition by bank transfer or in the student portal before the end of registration week. Late payment blocks your study certificate, and therefore your residence permit.

Scholarship Office: Room 112, Minghui Building, ext. 6106, scholarships@passerelle-demo.edu. Finance Office: ext. 6200.
`,
  },
  {
    topic: 'mental-health',
    language: 'en',
    title: 'Mental health and the counselling service',
    tags: ['mental-health', 'counselling', 'wellbeing', 'stress', 'homesickness', 'support'],
    audience: allStudents,
    lastReviewedOn: '2025-10-06',
    body: `
# Mental health and counselling

Moving to a new country is exciting and hard. Homesickness, exam stress, loneliness, sleep problems or a difficult relationship are common, and talking helps. You don't need to be in crisis to ask for support.

## Counselling service
- **Where:** Student Counselling Centre, 2nd floor, Building 12 (above the clinic).
- **Hours:** Mon–Fri 09:00–17:00, and Wednesday evening until 20:00.
- **Sessions** are free, confidential and available in **English** and Chinese; French on request, with a few days' notice.
- **Book** in the student portal, by email to counselling@passerelle-demo.edu, or at ext. 6130. Most students get a first appointment within a week.
- What you say stays with the counsellor. It is not shared with your teachers or the office unless your life or someone else's is in danger.

## Urgent help
- If you or someone you know is in immediate danger, call **120** or campus security at ext. 6110 (24 hours).
- Outside office hours, campus security can put you in touch with the counsellor on duty.

## Other support
- Monthly workshops on stress, sleep and exam preparation during the semester.
- Your buddy, your advisor and the International Affairs Office (ext. 6101) listen too, and help with practical problems: a late assignment, a housing issue or a leave of absence.
- Sports clubs, the Chinese corner and cultural events are good ways to meet people.

## Look after yourself
Keep regular sleep, eat well, go outside and stay in touch with family and friends. If a friend seems to withdraw, ask how they are and tell them about the counselling service.
`,
  },
  {
    topic: 'welcome-orientation',
    language: 'en',
    title: 'Welcome orientation at the start of each semester',
    tags: ['orientation', 'welcome', 'arrival', 'registration', 'new-students', 'semester'],
    audience: allStudents,
    lastReviewedOn: '2026-01-19',
    body: `
# Welcome orientation at the start of each semester

Every semester begins with a **welcome orientation** for new international students. It is compulsory: you collect your campus card and register for courses there.

## When
- Autumn semester: the first week of September, Monday to Friday before classes.
- Spring semester: the last week of February.

The detailed programme is emailed one month before, and Passerelle can tell you what is on each day.

## Programme
- **Day 1, registration:** check in at the International Affairs Office with your passport, admission letter, JW202 form, proof of insurance and photos; collect your campus card.
- **Day 2, paperwork:** group trip to the health check; help with the police registration and the residence permit application; the bank and the phone carriers open counters on campus.
- **Day 3, studies:** welcome by the dean, the academic rules, a meeting with your advisor, course registration.
- **Day 4, campus life:** campus tour, library, clinic, counselling and safety talks; a first survival Chinese lesson.
- **Day 5, welcome party:** dinner with buddies, teachers and Chinese students.

## What to bring
- passport and copies;
- admission letter and JW202 form;
- 6 passport photos (2-inch, white background);
- proof of health insurance, or money to buy the campus plan;
- a pen, and your phone with a local SIM card if you already have one.

## Can't make it?
Tell the office **before** the orientation at iao@passerelle-demo.edu. You will be offered a catch-up session, but arriving late may delay your residence permit.

Register in the student portal, or ask Passerelle to register you.
`,
  },
  {
    topic: 'buddy-programme',
    language: 'en',
    title: 'Buddy programme: a Chinese student to help you settle in',
    tags: ['buddy', 'mentor', 'volunteer', 'arrival', 'friends', 'pick-up'],
    audience: allStudents,
    lastReviewedOn: '2025-06-30',
    body: `
# Buddy programme

Every new international student can have a **buddy**: a Chinese student volunteer from your institute who helps you settle in during your first weeks.

## What your buddy does
- Meets you at the airport or the station on arrival day (if you book the pick-up service).
- Goes with you to get a SIM card, open a bank account and register with the police.
- Shows you the canteens, supermarkets, the clinic and the metro.
- Helps you set up Alipay or WeChat Pay and the campus apps.
- Invites you to events and introduces you to other students.

A buddy is a friend, not an agent or an interpreter for legal matters: official steps remain your responsibility, and the office is there for anything difficult.

## How to get a buddy
1. Tick "I want a buddy" in the student portal when you confirm your arrival, at least **3 weeks** before you arrive.
2. About one week before arrival you receive your buddy's name and WeChat ID by email. You can also ask Passerelle "Who is my buddy?".
3. Contact your buddy and share your flight details.

## Become a buddy
Returning international students and Chinese students can volunteer; applications open in May and November. Buddies get training, a certificate and priority for cultural events.

## Something wrong?
If you cannot reach your buddy, or the match doesn't work, write to buddy@passerelle-demo.edu or call Student Life at ext. 6105, and we will find you a new buddy.
`,
  },
  {
    topic: 'cultural-events',
    language: 'en',
    title: 'Cultural events and the Sino-French salons',
    tags: ['events', 'culture', 'salon', 'sino-french', 'festival', 'sports', 'register'],
    audience: allStudents,
    lastReviewedOn: '2025-09-15',
    body: `
# Cultural events and the Sino-French salons

The institute organises more than twenty cultural events a year, so that Chinese and international students meet outside class.

## Sino-French salons
Themed **salons** take place about once a month on a Thursday evening (19:00–21:00) in the Passerelle Lounge, ground floor of Building 8. Each salon has a theme (cinema, food, science, a region of China or France) with a short talk followed by a discussion in French, Chinese and English. Snacks are provided.

## Other events
- **Festivals:** the Mid-Autumn Festival, a Chinese New Year dinner, the Dragon Boat Festival, the Fête de la Musique and the French national day.
- **Academic seminars** with visiting professors from partner universities.
- **Performances:** the international evening in December, where students present their countries.
- **Sports:** the international football tournament in spring and the campus run in autumn.
- **Trips:** weekend visits to museums and historic towns around Lanhai.

## How to register
- See what's on in the Friday newsletter, or ask Passerelle: "What events are on this week?"
- Register in the student portal or ask Passerelle to register you. Places are limited: when an event is full you join the **waitlist**, and you get a place automatically if someone cancels.
- Can't come? Cancel at least 24 hours before, so that the next person on the waitlist gets your place.

## Propose an event
Have an idea for a salon, or want to present your culture? Write to events@passerelle-demo.edu or visit Student Life (ext. 6105).
`,
  },
  {
    topic: 'online-workshops',
    language: 'en',
    title: 'Online workshops with partner universities',
    tags: ['workshop', 'online', 'partner-university', 'france', 'seminar', 'report'],
    audience: ['all_students', 'staff'],
    lastReviewedOn: '2026-01-12',
    body: `
# Online workshops with partner universities

Each semester the institute runs **online workshops** with partner universities abroad, mostly in France. Students and teachers of both campuses work on one topic together without travelling.

## How they work
- A workshop lasts **2.5 to 3 hours** and is made of panels of 30 to 40 minutes: talks, student presentations and discussion.
- It is held on a weekday, at a time that falls in the working hours of both campuses, usually our afternoon and the partner's morning.
- Some topics are a one-off dialogue; others run over two or three rounds during the semester.
- The working language is English, French or Chinese, with interpretation when needed.

## Topics
Topics come from the departments, for example materials science, energy, artificial intelligence or engineering education. The topics of next semester are announced in the last month of the current one.

## Taking part
1. Find the workshop in the student portal, or ask Passerelle "What online workshops are coming up?".
2. Register before the deadline; places are limited.
3. You receive the link and the programme 3 days before.
4. Connect 10 minutes early from a quiet place with a camera and a headset; library study rooms can be booked for this.

## After the workshop
Every participant submits a short **report or proposal** (one or two pages) within two weeks. Some courses count your participation and report as coursework: ask your teacher.

## Propose a topic
Departments and teachers propose topics for next semester to workshops@passerelle-demo.edu; students can suggest ideas through their advisor.
`,
  },
  {
    topic: 'lost-passport',
    language: 'en',
    title: 'Lost or stolen passport: what to do, step by step',
    tags: ['passport', 'lost', 'stolen', 'police', 'embassy', 'residence-permit', 'visa'],
    audience: allStudents,
    lastReviewedOn: '2025-11-17',
    body: `
# Lost or stolen passport

Losing your passport is stressful, but it can be fixed. Act quickly: without it you cannot travel, check into a hotel or leave China, and your residence permit is inside it.

## Step by step
1. **Search again** where you last had it, and ask there (the taxi app, the restaurant, the metro's lost property office).
2. **Report it to the police** at the station nearest to where you lost it or where you are registered. Bring a copy of the passport if you have one, your campus card and two photos. Ask for a **loss report** (报失证明). For a theft, call **110**.
3. **Tell the office** the same day: Visa Desk, ext. 6102, visa@passerelle-demo.edu. We give you a letter confirming that you are a student here.
4. **Apply for a new passport** at your country's embassy or consulate, with the police report. Check its website for the documents and the waiting time.
5. **Get a new residence permit or visa.** With the new passport, the police report and the office letter, apply at the Exit-Entry Administration Bureau within 10 days of receiving the new passport.
6. **Register again** with the police (accommodation registration) with the new passport, and update your details at the bank and with your phone carrier.

## Prevention
- Keep scans of your passport, visa and residence permit in your email.
- On campus, your campus card and a copy are usually enough; carry the original when you travel or stay in a hotel.
- Save the address and phone number of your embassy or consulate.

If your money was stolen with your passport, the office can help: ask at ext. 6101.
`,
  },
  {
    topic: 'weather-and-practical-life',
    language: 'en',
    title: 'Weather, clothing and practical life in Lanhai',
    tags: ['weather', 'clothing', 'climate', 'shopping', 'electricity', 'holidays', 'daily-life'],
    audience: allStudents,
    lastReviewedOn: '2025-07-07',
    body: `
# Weather, clothing and practical life in Lanhai

## Weather through the year
- **Spring (March–May):** mild, 10–25 °C, often rainy. Bring a light jacket and an umbrella.
- **Summer (June–September):** hot and humid, 28–38 °C, with a rainy season in June and typhoons from July to September. Light clothes, sun protection, a sturdy umbrella.
- **Autumn (October–November):** the best season, 12–25 °C.
- **Winter (December–February):** 0–10 °C and damp. Many buildings have no central heating, so bring a warm coat, thick socks and layers; the air conditioning in rooms also heats.

## Shopping
- Campus supermarket: basement of the Student Service Centre, 08:00–22:00.
- Large supermarkets and a mall near Campus North metro station.
- Online shops deliver to the parcel lockers by the East Gate; use your dorm address in Chinese.

## Money
- Mobile payment (Alipay, WeChat Pay) is accepted almost everywhere; keep some cash for emergencies.
- ATMs on campus accept most foreign cards.

## Electricity and water
- 220 V; sockets take plugs of types A, C and I, so bring an adapter.
- Don't drink tap water: use the free filtered hot and cold water dispensers on every floor.

## Daily services
- Laundry machines on each floor of the residence, paid with the campus card.
- A post office, print shop, hairdresser and optician in the Student Service Centre.

## Time and holidays
Lanhai is on China Standard Time (UTC+8), with no daylight saving time. Public holidays (Spring Festival, Qingming, Labour Day, Dragon Boat Festival, Mid-Autumn Festival, National Day) are in the academic calendar; some weekends become working days to make up for them.
`,
  },
  {
    topic: 'food-and-canteens',
    language: 'en',
    title: 'Food and canteens: where to eat, special diets and delivery',
    tags: ['food', 'canteen', 'restaurant', 'halal', 'vegetarian', 'delivery', 'kitchen'],
    audience: allStudents,
    lastReviewedOn: '2025-07-07',
    body: `
# Food and canteens

## Campus canteens
| Canteen | Where | Hours | What |
| --- | --- | --- | --- |
| Canteen 1 | East Campus, next to the International Residence | 06:30–21:00 | dishes from all over China, noodles, breakfast |
| Canteen 2 | West Campus | 06:30–20:00 | Chinese set meals, hot pot upstairs |
| Halal Canteen | ground floor of Canteen 1 | 06:30–20:00 | halal dishes |
| Le Petit Café | ground floor, Building 8 | 08:00–21:00 | coffee, bread, sandwiches, western dishes |

A meal costs about CNY 10–25. Pay with your **campus card**; some counters also take Alipay or WeChat Pay.

## When to go
Canteens are busiest 11:30–12:30 and 17:30–18:30; come 15 minutes earlier to avoid queues.

## Special diets
- Vegetarian dishes are at a dedicated counter in Canteen 1; ask for 素食 (vegetarian) or 不要肉 (no meat).
- Food allergies: ask Student Life (ext. 6105) for a free allergy card in Chinese and show it when you order.

## Cooking
Shared kitchens on every floor of the International Residence are open 07:00–23:00. Clean up after yourself; unlabelled food in the fridges is thrown away on Sundays.

## Food delivery
Delivery apps bring food to the lockers at the East Gate; riders may not enter the residence. Give your campus address in Chinese.

## Eating out
Plenty of cheap restaurants are near the East Gate and Campus North station. Tipping is not expected, and restaurants serve hot water or tea.

Every semester, students cook dishes from home at the international food fair: sign up with Student Life.
`,
  },
];

// 中文版：最常被问到的十一个主题。
const chinese: ArticleInput[] = [
  {
    topic: 'arrival-registration',
    language: 'zh',
    title: '入境后24小时内到派出所办理住宿登记',
    tags: ['住宿登记', '派出所', '入境', '临时住宿登记表', 'police', 'registration'],
    audience: allStudents,
    lastReviewedOn: '2025-09-02',
    body: `
# 入境后24小时内办理住宿登记

根据中国法律，外国人到达新的住所后，须在**24小时内**到当地公安机关办理**住宿登记**（境外人员临时住宿登记）。第一次入境、每次出境后再入境、每次搬家，都要重新登记。

## 住在校内国际学生公寓
1. 抵达当天，带上护照到3号楼前台（24小时开放）。
2. 前台会帮你填写《境外人员临时住宿登记表》，统一报送新园路派出所。
3. 两个工作日后到前台领取你的登记表。

## 住在校外
1. 24小时内，和房东（或中介）一起到住所所属的派出所办理。
2. 需要携带：
   - 护照（含签证页和入境章）；
   - 租房合同；
   - 房东的身份证和房产证复印件；
   - 你的中国手机号码。
3. 盖章的住宿登记表请妥善保管：申请居留许可、开银行卡、续签时都要用。

住酒店时，酒店会自动为你登记，不用另外去派出所。

## 注意事项
- 逾期登记可能会被警告或罚款，还会耽误居留许可的办理。
- 请把盖章登记表的照片发到 visa@passerelle-demo.edu，方便办公室更新你的档案。
- 有疑问请联系国际事务办公室签证服务台：明辉楼105室，分机6102（周一至周五 8:30–11:30，13:30–17:00）。
`,
  },
  {
    topic: 'residence-permit',
    language: 'zh',
    title: '入境后30天内申请居留许可（X1签证）',
    tags: ['居留许可', '签证', 'X1', '出入境管理局', '体检', '在学证明', 'residence-permit'],
    audience: allStudents,
    lastReviewedOn: '2025-09-02',
    body: `
# 居留许可：入境后30天内申请

持 **X1 学习签证**入境的同学请注意：签证只是入境凭证，必须在**入境后30天内**申请**居留许可**。持 X2 签证（停留不超过180天）的同学无需办理。

## 办理步骤
1. **住宿登记**：入境后24小时内完成（详见“住宿登记”一文）。
2. **体检**：到澜海国际旅行卫生保健中心体检。每年9月和3月，办公室每周二、周四提供免费班车，请到签证服务台报名。体检结果大约3个工作日出来。
3. **在学证明**：到签证服务台申请，2个工作日后可取。
4. **递交申请**：到澜海市出入境管理局（海运路88号，周一至周五 9:00–12:00，13:30–17:00），请先在网上预约。

## 需要准备的材料
- 护照（含 X1 签证和入境章），以及照片页、签证页、入境章页的复印件；
- JW202表和录取通知书（原件及复印件）；
- 盖章的住宿登记表；
- 体检报告；
- 近期二寸白底证件照一张（33 × 48 毫米）；
- 在学证明；
- 费用：有效期一年以内的居留许可400元，可刷银行卡或用手机支付。

## 递交之后
出入境管理局会收存护照**7个工作日**，并给你一张受理回执。这段时间请随身带好回执作为身份证明，不要离开澜海。凭回执取回护照后，请把居留许可页的扫描件发到 visa@passerelle-demo.edu。

签证服务台：明辉楼105室，分机6102。
`,
  },
  {
    topic: 'residence-permit-renewal',
    language: 'zh',
    title: '居留许可续签：至少在到期前30天申请',
    tags: ['居留许可', '续签', '延期', '到期', '签证', 'renewal', 'residence-permit'],
    audience: allStudents,
    lastReviewedOn: '2025-09-02',
    body: `
# 居留许可续签

居留许可的有效期以护照里居留许可页上的日期为准。如果学业在这个日期之后还要继续，就必须办理**续签**（延期）。请**至少在到期前30天**提出申请：出入境管理局会收存护照7个工作日，申请太晚可能导致居留许可过期。

记不清到期日？在微信上问 Passerelle：“我的居留许可什么时候到期？”办公室也会在到期前60天和30天各提醒你一次。

## 出发前先确认
1. **医疗保险**覆盖整个续签期间，如不够请先续保。
2. 到签证服务台申请新的**在学证明**（3个工作日）。学费未缴清或出勤不符合学籍规定的，不予开具。
3. **住宿登记**的地址与现住址一致。

## 到出入境管理局需携带
- 护照（含当前居留许可）；
- 新的在学证明；
- 当前有效的住宿登记表；
- 二寸白底证件照一张；
- 申请表（网上填写后打印）；
- 续签期间的医疗保险证明；
- 费用：每年有效期400元。

## 温馨提示
- 续签一般批准到学业结束，或批准一年，以先到者为准。
- 护照快到期的话，请先**换发护照**：居留许可的有效期不能超过护照。
- 如果要更换项目（比如从交换生转为学位生），请咨询签证服务台，手续与普通续签不同。

签证服务台：明辉楼105室，分机6102，visa@passerelle-demo.edu。
`,
  },
  {
    topic: 'health-insurance',
    language: 'zh',
    title: '医疗保险：必须购买，如何投保、续保和理赔',
    tags: ['保险', '医疗保险', '续保', '理赔', '发票', 'insurance'],
    audience: allStudents,
    lastReviewedOn: '2025-09-02',
    body: `
# 医疗保险：每位国际学生都必须购买

所有国际学生在华期间都必须持有有效的**医疗保险**，保障期覆盖**整个在校期间**。没有保险，就无法选课、开具在学证明，也不能申请或续签居留许可。

## 方案一：学校学生医疗保险（推荐）
- 费用：每学期400元，或每年800元。
- 保障范围：住院医疗最高40万元，以及门诊、意外和紧急医疗转运。
- **怎么买：**注册周到保险服务台（明辉楼107室）办理，或在学生门户网站的“保险”栏目在线购买，可用银行卡、支付宝或微信支付。
- 电子保单会在3个工作日内发到你的邮箱。

## 方案二：自带保险
必须同时满足：在中国大陆有效，覆盖整个在校期间；住院保额不低于40万元；保单为中文或英文。请在入学第一周带保单到保险服务台审核。

## 续保
保险不会自动续期。到期前30天你会收到提醒，请在到期前登录门户网站**续保**，避免出现保障空档。你也可以问 Passerelle 自己的保险什么时候到期。

## 理赔
1. 就医时请索取**发票**、费用明细和病历。
2. 填写理赔申请表（保险服务台领取或门户网站下载）。
3. 在就医后**30天内**提交全部材料，赔款会在2至4周内打到你的中国银行卡上。
4. 在澜海市第一人民医院国际医疗部就诊，学校保险可以直接结算，出示保险卡即可。

保险服务台：分机6104，insurance@passerelle-demo.edu，周一至周五 8:30–11:30，13:30–17:00。
`,
  },
  {
    topic: 'bank-account',
    language: 'zh',
    title: '开银行账户、办银行卡',
    tags: ['银行卡', '银行账户', '开户', '银行', '奖学金', 'bank-account'],
    audience: allStudents,
    lastReviewedOn: '2025-09-02',
    body: `
# 开银行账户、办银行卡

有了中国的银行账户和**银行卡**（借记卡），就能领奖学金、交学费和房租，还能绑定支付宝或微信支付，日常付款更方便。

## 在哪里办
学生服务中心一楼的银行网点：周一至周五 9:00–17:00，周六 10:00–16:00。每年9月和3月的头两周，网点开设国际学生专窗，有会说英语的工作人员。

## 要带什么
- **护照**；
- **居留许可**；如果还在办理中，请带 X1/X2 签证、居留许可受理回执和住宿登记表；
- 用本人护照实名登记的**中国手机号**（请先办好手机卡）；
- 校园卡或录取通知书；
- 中文地址（宿舍地址写在住宿合同上）。

## 办理步骤
1. 取号，告诉工作人员你是外国留学生，想开一个个人账户、办一张借记卡。
2. 填写申请表，设置6位数密码。
3. 请工作人员帮你**开通手机银行**和网上支付。很多同学忘了这一步，结果银行卡绑不上支付软件。
4. 保存好写有账号的回单，奖学金办公室需要你的账号。

## 小贴士
- 开户免费，有的银行每年收少量卡费。
- 带了外币现金，可以凭护照在柜台兑换人民币。
- 从国外汇款进来很方便；往国外汇款需要资金来源证明（如奖学金证明、工资单），具体请问柜台。
- 居留许可续签后，请带新证件到银行更新信息，否则账户可能被冻结。

有问题请联系：iao@passerelle-demo.edu，分机6101。
`,
  },
  {
    topic: 'phone-and-sim-card',
    language: 'zh',
    title: '办手机卡、开通移动支付（支付宝、微信支付）',
    tags: ['手机卡', '手机号', 'SIM卡', '支付宝', '微信支付', '移动支付', 'phone'],
    audience: allStudents,
    lastReviewedOn: '2025-09-02',
    body: `
# 办手机卡和开通移动支付

在中国，几乎做什么都离不开**手机号**：银行、移动支付、外卖、打车和校园应用都要收短信验证码。到校后请尽快办一张本地**手机卡**（SIM卡）。

## 在哪里办手机卡
- **校内：**中国移动、中国联通、中国电信在学生服务中心一楼都有营业点，每天 9:00–19:00。迎新周有流量充足的学生套餐。
- **校外：**各运营商的官方营业厅。不要在路边摊买卡：手机卡必须用本人证件实名登记。

## 要带什么
- 护照（办卡必须实名登记，营业厅会现场拍照）；
- 没有锁网的手机；
- 现金、外国银行卡，或者请朋友用手机帮你付款。

## 移动支付
现在越来越多的地方很少收现金和刷卡，请开通**支付宝**或**微信支付**：
1. 下载应用，用中国手机号注册；
2. 用护照完成实名认证；
3. 绑定银行卡：外国的 Visa 卡或万事达卡可以小额支付；绑定中国的**银行卡**额度更高、手续费更低。

## 小贴士
- 在校期间尽量不要换号，换号后银行、各种应用和办公室的档案都得更新。
- 请把手机号告诉办公室：发邮件到 iao@passerelle-demo.edu，或在学生门户网站上更新。
- 套餐一般是预付费的，可以在运营商应用里或用支付宝、微信充值。
- 校园无线网用学号登录，有问题请联系信息技术服务台（分机6150）。
`,
  },
  {
    topic: 'housing',
    language: 'zh',
    title: '住宿：校内国际学生公寓与校外租房',
    tags: ['住宿', '宿舍', '公寓', '校外租房', '房东', '押金', 'housing'],
    audience: allStudents,
    lastReviewedOn: '2025-09-02',
    body: `
# 住宿：校内公寓与校外租房

## 国际学生公寓（校内）
大多数国际学生住在东校区3号楼和4号楼的**国际学生公寓**（留学生宿舍）。
- 房型：单人间每月1200元，双人间每人每月800元，都配有空调、独立卫生间、书桌和无线网络；每层有公共厨房和洗衣房。
- **申请：**录取后在学生门户网站申请，按申请先后分配房间。秋季学期截止日期为6月30日，春季学期为12月15日。
- **入住：**到3号楼前台（24小时开放）办理，带上护照、录取通知书和医疗保险证明，缴纳押金（一个月房费）和第一学期房费。
- 入住时前台会帮你到派出所办理住宿登记。

## 公寓规定
- 23:00至次日7:00为安静时间。
- 访客须在前台登记，22:30前离开，不得留宿。
- 房间内禁止使用烹饪电器、蜡烛和没有保险装置的插线板。
- 设施报修请通过门户网站或前台，一般2个工作日内修好。

## 校外租房
可以在校外租房，但必须做到：
1. 与房东签订书面租房合同（签约前可以请住宿服务台帮你看一看）；
2. 搬入后**24小时内**和房东一起到当地派出所办理住宿登记；
3. 搬入后**7天内**到住宿服务台提交《校外住宿申报表》，附租房合同和住宿登记表的复印件。

押金一般是一到两个月房租，中介费大约一个月房租。没看过房子、没核实房东的房产证之前，千万不要付钱。

住宿服务台：明辉楼110室，分机6103，housing@passerelle-demo.edu。
`,
  },
  {
    topic: 'health-care',
    language: 'zh',
    title: '看病就医：校医院、医院和英语医生',
    tags: ['看病', '生病', '校医院', '医院', '挂号', '急诊', '英语医生', 'health'],
    audience: allStudents,
    lastReviewedOn: '2025-09-02',
    body: `
# 看病就医：校医院、医院和英语服务

## 校医院
- 地点：西校区12号楼，运动场旁边。
- 时间：周一至周五 8:00–17:00；周六、周日 9:00–12:00，只看急症。
- 电话：分机6120；邮箱：clinic@passerelle-demo.edu。
- **英语医生：**每周二、周四下午坐诊，可以在学生门户网站或拨打分机6120预约。
- 看病请带校园卡。诊疗免费，药品按成本价收费，学校医疗保险可以报销。
- 因病缺课的，校医院可以开病假证明。

## 医院
看专科、做检查，或者校医院处理不了时，请去医院：
- **澜海市第一人民医院国际医疗部**：有会说英语的医护人员，可以打电话或在医院应用上预约，学校保险可直接结算。地铁2号线人民医院站。
- **澜海市妇女儿童医院**：妇科和孕产。

在公立医院看病要先**挂号**：在窗口或医院应用上选好科室，然后等叫号。请带护照（或居留许可）、保险卡，以及开通了移动支付的手机。

## 夜间或紧急情况
- 拨打**120**叫救护车，或者打车去医院**急诊**。
- 校园保卫处（分机6110，24小时）可以帮你叫救护车，并派人陪你去。
- 事后请告诉办公室，我们会帮你办理保险理赔和请假。

## 小贴士
- 每次看病都要保留发票和病历，理赔时要用。
- 有绿十字标志的药店可以买到常用药；处方药需要医生开的处方。
- 需要长期服药的同学，请自带足够的药和医生证明。
`,
  },
  {
    topic: 'academic-rules',
    language: 'zh',
    title: '学籍与教学规定：考勤、学分、成绩、考试和学术诚信',
    tags: ['考勤', '学分', '成绩', '考试', '请假', '学术诚信', 'academic'],
    audience: allStudents,
    lastReviewedOn: '2025-09-02',
    body: `
# 学籍与教学规定：考勤、学分、成绩与考试

## 考勤
- 上课必须出勤。一门课缺课超过**三分之一**，将取消该课程期末考试资格，成绩记为不及格。
- 需要请假，请在上课**之前**通过学生门户网站提交申请，由导师审批。生病的，请在3天内上传校医院开具的病假证明。
- 出勤差会通报国际事务办公室，可能无法开具在学证明，进而影响居留许可续签。

## 学分
- 1学分 = 16学时。
- 学位生每学期修读不少于12学分、不超过30学分。
- 交换生和双学位学生按学习协议（learning agreement）选课，任何更改都需双方学校同意。
- 加课、退课只能在开学**前两周**内在门户网站办理。

## 成绩
- 课程采用百分制，**60分**及格。
- 90–100分为A（绩点4.0），80–89分为B，70–79分为C，60–69分为D，60分以下为F。
- 成绩单可以在门户网站查看；寄给本国学校的正式成绩单由教务处办理。

## 考试
- 期末考试安排在每学期最后两周，考试安排在第12周公布。
- 考试必须带**校园卡**；手机和智能手表要放在包里。
- 考试不及格的，可以在下学期开学时参加一次**补考**。

## 学术诚信
抄袭、作弊、提交他人成果、未经允许使用人工智能工具、伪造数据，都属于严重违纪，处分从该项作业记零分到停学、开除不等。请规范引用文献；拿不准的时候，先问任课老师。

教务处：明辉楼201室，分机6140，academic@passerelle-demo.edu。
`,
  },
  {
    topic: 'emergencies',
    language: 'zh',
    title: '紧急情况：110、119、120、校园保卫处，遇事怎么办',
    tags: ['紧急情况', '报警', '火警', '急救', '保卫处', '安全', 'emergency'],
    audience: allStudents,
    lastReviewedOn: '2025-09-02',
    body: `
# 紧急情况：打什么电话，怎么做

## 紧急电话（在中国用任何电话都可以免费拨打）
| 号码 | 服务 |
| --- | --- |
| **110** | 报警 |
| **119** | 火警 |
| **120** | 急救 |
| **122** | 交通事故 |
| **分机6110** | 校园保卫处，24小时（手机拨打的号码印在校园卡背面） |

接线员一般说中文。请放慢语速，讲清楚你的**中文地址**；如果可以，请会说中文的朋友或校园保卫处帮你打电话。

## 遇到紧急情况怎么做
1. **先保证自己的安全。**发生火灾时走楼梯撤离，千万不要坐电梯。
2. **拨打**相应的电话。在校内，请同时联系校园保卫处：他们熟悉每栋楼，可以给救护车或消防车带路。
3. **通知办公室。**非工作时间，保卫处会帮你联系国际事务办公室的值班老师。也请告诉你的伙伴（buddy）或朋友你在哪里。
4. **保留凭证。**被盗或遇到事故，请向警方要报案证明；看病后请保留发票，用于保险理赔。

## 提前做好准备
- 把上面的号码和宿舍的中文地址存到手机里。
- 随身带护照或居留许可，至少存一张照片。
- 澜海在海边，请留意校园应用推送的台风预警，发布红色预警时请待在室内。
- 每学期第一个月，国际学生公寓会组织消防演练，请参加。

## 不算紧急，但很着急？
护照丢了、和房东有纠纷、觉得不安全或压力太大：工作时间请打办公室电话（分机6101），或联系心理咨询中心（分机6130）。
`,
  },
  {
    topic: 'contacts',
    language: 'zh',
    title: '有问题找谁：国际事务办公室、导师和伙伴',
    tags: ['联系方式', '国际事务办公室', '办公时间', '导师', '伙伴', '邮箱', 'contact'],
    audience: allStudents,
    lastReviewedOn: '2025-09-02',
    body: `
# 有问题找谁

## 国际事务办公室
国际学生生活中的任何问题，都可以先来这里问。
- **地点：**东校区明辉楼105室
- **办公时间：**周一至周五 8:30–11:30，13:30–17:00（法定节假日休息）
- **电话：**分机6101（用手机拨打，请先拨校园卡背面印的总机号码）
- **邮箱：**iao@passerelle-demo.edu，2个工作日内回复
- **微信：**随时用中文、英文或法文问办公室的机器人 Passerelle

## 办公室各服务台
| 问题 | 服务台 | 分机 | 邮箱 |
| --- | --- | --- | --- |
| 签证、居留许可、住宿登记 | 签证服务台 | 6102 | visa@passerelle-demo.edu |
| 校内公寓和校外租房 | 住宿服务台 | 6103 | housing@passerelle-demo.edu |
| 医疗保险和理赔 | 保险服务台 | 6104 | insurance@passerelle-demo.edu |
| 伙伴项目、各类活动 | 学生生活组 | 6105 | buddy@passerelle-demo.edu |

## 你的导师
每位学生都有一位**学业导师**，由学院老师担任，负责审批你的选课、请假和学习协议变更。问 Passerelle“我的导师是谁？”就能查到导师的姓名和邮箱。导师每周有固定答疑时间，请发邮件预约。

## 你的伙伴（buddy）
由中国学生志愿者担任，在你到校的头几周帮你接机、办手机卡、开银行卡、熟悉食堂。想要一位伙伴，请在学生门户网站报名，或发邮件到 buddy@passerelle-demo.edu。

## 校内其他部门
- 教务处（选课、考试、成绩单）：分机6140，academic@passerelle-demo.edu
- 校医院：分机6120，clinic@passerelle-demo.edu
- 心理咨询中心：分机6130，counselling@passerelle-demo.edu
- 校园保卫处（24小时）：分机6110
`,
  },
];

// Version française des onze sujets les plus demandés.
const french: ArticleInput[] = [
  {
    topic: 'arrival-registration',
    language: 'fr',
    title: "Déclaration de résidence à la police dans les 24 heures après l'arrivée",
    tags: ['police', 'déclaration-de-résidence', 'enregistrement', 'arrivée', 'logement', 'visa'],
    audience: allStudents,
    lastReviewedOn: '2025-09-03',
    body: `
# Déclaration de résidence à la police dans les 24 heures

En Chine, tout ressortissant étranger doit faire enregistrer son logement auprès de la police locale (**déclaration de résidence**, 住宿登记) dans les **24 heures** qui suivent son arrivée à une nouvelle adresse. C'est obligatoire à votre première arrivée, à chaque retour en Chine après un voyage à l'étranger et à chaque déménagement.

## Vous logez à la résidence internationale (sur le campus)
1. Le jour de votre arrivée, présentez-vous avec votre passeport à l'accueil du bâtiment 3 (ouvert 24 h/24).
2. L'accueil remplit pour vous le formulaire de déclaration de résidence et le transmet au commissariat de la rue Xinyuan.
3. Deux jours ouvrés plus tard, récupérez votre exemplaire du formulaire à l'accueil.

## Vous logez hors campus
1. Dans les 24 heures, rendez-vous avec votre propriétaire (ou son agent) au poste de police (派出所) dont dépend votre adresse.
2. Apportez :
   - votre passeport, avec la page du visa et le tampon d'entrée ;
   - votre bail ;
   - la carte d'identité du propriétaire et une copie de son titre de propriété ;
   - votre numéro de téléphone chinois.
3. Gardez précieusement le formulaire tamponné : on vous le demandera pour le titre de séjour, à la banque et à chaque renouvellement.

À l'hôtel, l'enregistrement est fait automatiquement : inutile de passer à la police.

## À retenir
- Une déclaration en retard peut valoir un avertissement ou une amende, et retarder votre titre de séjour.
- Envoyez une photo du formulaire tamponné à visa@passerelle-demo.edu pour que le bureau mette votre dossier à jour.
- Une question ? Guichet visas du Bureau des affaires internationales, salle 105, bâtiment Minghui, poste 6102 (du lundi au vendredi, 8 h 30–11 h 30 et 13 h 30–17 h).
`,
  },
  {
    topic: 'residence-permit',
    language: 'fr',
    title: "Demander son titre de séjour dans les 30 jours suivant l'arrivée (visa X1)",
    tags: ['titre-de-séjour', 'permis-de-résidence', 'visa', 'x1', 'visite-médicale', 'arrivée'],
    audience: allStudents,
    lastReviewedOn: '2025-09-03',
    body: `
# Titre de séjour : à demander dans les 30 jours suivant l'arrivée

Si vous êtes entré en Chine avec un **visa d'études X1**, ce visa ne sert qu'à entrer dans le pays : vous devez le transformer en **titre de séjour** (permis de résidence, 居留许可) dans les **30 jours suivant votre arrivée**. Les titulaires d'un visa X2 (séjour de 180 jours au plus) n'en ont pas besoin.

## Les étapes
1. **Déclaration de résidence** à la police dans les 24 heures après l'arrivée (voir la fiche correspondante).
2. **Visite médicale** au centre de santé des voyageurs internationaux de Lanhai. En septembre et en mars, le bureau organise une navette gratuite chaque mardi et jeudi : inscrivez-vous au guichet visas. Comptez environ 3 jours ouvrés pour les résultats.
3. **Certificat de scolarité** (在学证明) : à demander au guichet visas, prêt en 2 jours ouvrés.
4. **Dépôt du dossier** au Bureau de l'entrée et de la sortie du territoire de Lanhai, 88 rue Haiyun (du lundi au vendredi, 9 h–12 h et 13 h 30–17 h), sur rendez-vous pris en ligne.

## Pièces à fournir
- passeport avec le visa X1 et le tampon d'entrée, et une copie des pages photo, visa et tampon ;
- formulaire JW202 et lettre d'admission (original et copie) ;
- formulaire de déclaration de résidence tamponné ;
- certificat médical ;
- une photo d'identité récente (fond blanc, 33 × 48 mm) ;
- certificat de scolarité ;
- frais : 400 CNY pour un titre d'un an au plus (carte bancaire ou paiement mobile).

## Après le dépôt
Le bureau garde votre passeport **7 jours ouvrés** et vous remet un récépissé : gardez-le sur vous comme pièce d'identité et ne quittez pas Lanhai. Récupérez ensuite le passeport avec le récépissé, puis envoyez un scan de la page du titre de séjour à visa@passerelle-demo.edu.

Guichet visas : salle 105, bâtiment Minghui, poste 6102.
`,
  },
  {
    topic: 'residence-permit-renewal',
    language: 'fr',
    title: "Renouveler son titre de séjour au moins 30 jours avant l'expiration",
    tags: ['titre-de-séjour', 'renouvellement', 'renouveler', 'prolongation', 'expiration', 'visa'],
    audience: allStudents,
    lastReviewedOn: '2025-09-03',
    body: `
# Renouveler son titre de séjour

Votre titre de séjour (居留许可) est valable jusqu'à la date inscrite sur sa page dans votre passeport. Si vos études continuent au-delà, vous devez le **renouveler**, c'est-à-dire le prolonger. Faites la demande **au moins 30 jours avant son expiration** : le bureau garde votre passeport 7 jours ouvrés, et une demande tardive peut vous laisser sans titre valable.

Vous avez oublié la date ? Demandez à Passerelle sur WeChat : « Quand expire mon titre de séjour ? ». Le bureau vous envoie aussi un rappel 60 jours puis 30 jours avant l'échéance.

## Avant d'y aller
1. Vérifiez que votre **assurance maladie** couvre toute la nouvelle période ; sinon, renouvelez-la d'abord.
2. Demandez un nouveau **certificat de scolarité** au guichet visas (3 jours ouvrés). Il n'est délivré que si vos frais de scolarité sont réglés et votre assiduité conforme au règlement des études.
3. Vérifiez que votre **déclaration de résidence** correspond bien à votre adresse actuelle.

## À apporter au Bureau de l'entrée et de la sortie du territoire
- passeport avec le titre de séjour en cours ;
- le nouveau certificat de scolarité ;
- le formulaire de déclaration de résidence en vigueur ;
- une photo d'identité sur fond blanc ;
- le formulaire de demande, rempli en ligne puis imprimé ;
- une attestation d'assurance pour la nouvelle période ;
- les frais (400 CNY par année de validité).

## Bon à savoir
- Le renouvellement est en général accordé jusqu'à la fin de votre programme, ou pour un an si celui-ci dure plus longtemps.
- Si votre passeport expire bientôt, faites d'abord refaire le **passeport** : le titre de séjour ne peut pas aller au-delà.
- Vous changez de programme (par exemple d'un échange à un diplôme) ? Passez au guichet visas : la démarche n'est pas la même.

Guichet visas : salle 105, bâtiment Minghui, poste 6102, visa@passerelle-demo.edu.
`,
  },
  {
    topic: 'health-insurance',
    language: 'fr',
    title:
      'Assurance maladie : obligatoire, comment la souscrire, la renouveler et se faire rembourser',
    tags: [
      'assurance',
      'assurance-maladie',
      'renouveler',
      'remboursement',
      'mutuelle',
      'insurance',
    ],
    audience: allStudents,
    lastReviewedOn: '2025-09-03',
    body: `
# Assurance maladie : obligatoire pour tous les étudiants internationaux

Tout étudiant international doit être couvert par une **assurance maladie** valable pendant **toute la durée de son séjour** en Chine. Sans assurance, impossible de s'inscrire aux cours, d'obtenir un certificat de scolarité, ni de demander ou de renouveler un titre de séjour.

## Option 1 : l'assurance santé étudiante du campus (recommandée)
- Prix : 400 CNY par semestre ou 800 CNY par an.
- Couverture : hospitalisation jusqu'à 400 000 CNY, soins courants, accidents et rapatriement sanitaire.
- **Souscription :** pendant la semaine d'inscription au guichet assurance (salle 107, bâtiment Minghui), ou en ligne sur le portail étudiant, rubrique « Assurance ». Paiement par carte bancaire, Alipay ou WeChat Pay.
- L'attestation vous est envoyée par e-mail sous 3 jours ouvrés.

## Option 2 : votre propre assurance
Elle n'est acceptée que si elle est valable en Chine continentale pendant tout votre séjour, couvre l'hospitalisation à hauteur d'au moins 400 000 CNY et est rédigée en anglais ou en chinois. Faites-la vérifier au guichet assurance dès la première semaine.

## Renouvellement
L'assurance n'est pas reconduite automatiquement. Vous recevez un rappel 30 jours avant la fin de la couverture : **renouvelez-la** sur le portail avant cette date pour éviter toute interruption. Passerelle peut vous dire quand votre assurance expire.

## Se faire rembourser
1. À l'hôpital, demandez la **facture officielle** (发票), le détail des frais et le compte rendu médical.
2. Remplissez le formulaire de remboursement (au guichet ou sur le portail).
3. Déposez le tout dans les **30 jours** suivant les soins ; le remboursement arrive sur votre compte bancaire chinois en 2 à 4 semaines.
4. Au département médical international de l'hôpital populaire n° 1 de Lanhai, l'assurance du campus paie directement l'hôpital : montrez simplement votre carte d'assuré.

Guichet assurance : poste 6104, insurance@passerelle-demo.edu, du lundi au vendredi, 8 h 30–11 h 30 et 13 h 30–17 h.
`,
  },
  {
    topic: 'bank-account',
    language: 'fr',
    title: 'Ouvrir un compte bancaire et obtenir une carte bancaire',
    tags: ['banque', 'compte-bancaire', 'carte-bancaire', 'argent', 'bourse', 'bank-account'],
    audience: allStudents,
    lastReviewedOn: '2025-09-03',
    body: `
# Ouvrir un compte bancaire

Un **compte bancaire** chinois avec une carte de débit (银行卡) vous permet de toucher votre bourse, de payer les frais de scolarité et le loyer, et de relier une carte à Alipay ou WeChat Pay pour payer au quotidien.

## Où ?
À l'agence bancaire du rez-de-chaussée du Centre de services aux étudiants : du lundi au vendredi 9 h–17 h, le samedi 10 h–16 h. Les deux premières semaines de septembre et de mars, un guichet réservé aux étudiants internationaux est tenu par du personnel anglophone.

## Que faut-il apporter ?
- votre **passeport** ;
- votre **titre de séjour** ou, s'il est en cours de traitement, votre visa X1/X2, le récépissé de la demande et votre formulaire de déclaration de résidence ;
- un **numéro de téléphone chinois** enregistré à votre nom (prenez d'abord votre carte SIM) ;
- votre carte de campus ou votre lettre d'admission ;
- votre adresse en chinois (elle figure sur votre contrat de logement).

## Les étapes
1. Prenez un ticket et expliquez que vous êtes étudiant étranger et que vous voulez ouvrir un compte personnel avec une carte de débit.
2. Remplissez le formulaire et choisissez un code à 6 chiffres.
3. Demandez à **activer la banque mobile** et les paiements en ligne : beaucoup d'étudiants l'oublient et ne peuvent ensuite pas relier leur carte aux applications de paiement.
4. Gardez le reçu où figure votre numéro de compte : le bureau des bourses en a besoin.

## Bon à savoir
- L'ouverture est gratuite ; certaines banques prélèvent de petits frais annuels de carte.
- Vous avez des devises en espèces ? Elles s'échangent au guichet sur présentation du passeport.
- Recevoir de l'argent de l'étranger est simple ; en envoyer à l'étranger exige un justificatif de l'origine des fonds (attestation de bourse, fiche de paie). Renseignez-vous au guichet.
- Après le renouvellement de votre titre de séjour, présentez le nouveau titre à la banque, sinon le compte peut être bloqué.

Questions : iao@passerelle-demo.edu, poste 6101.
`,
  },
  {
    topic: 'phone-and-sim-card',
    language: 'fr',
    title: 'Téléphone : carte SIM, numéro chinois et paiement mobile',
    tags: ['téléphone', 'carte-sim', 'portable', 'alipay', 'wechat-pay', 'paiement-mobile'],
    audience: allStudents,
    lastReviewedOn: '2025-09-03',
    body: `
# Téléphone, carte SIM et paiement mobile

En Chine, votre **numéro de téléphone** ouvre presque toutes les portes : banque, paiement mobile, livraison de repas, taxis et applications du campus envoient des codes par SMS. Procurez-vous une **carte SIM** locale dès les premiers jours.

## Où acheter une carte SIM ?
- **Sur le campus :** les trois opérateurs (China Mobile, China Unicom et China Telecom) ont un comptoir au rez-de-chaussée du Centre de services aux étudiants, tous les jours de 9 h à 19 h. Pendant la semaine d'accueil, ils proposent des forfaits étudiants avec beaucoup de données.
- **En ville :** dans les boutiques officielles des opérateurs. Fuyez les vendeurs de rue : une carte SIM doit être enregistrée à votre nom.

## Que faut-il apporter ?
- votre passeport (l'enregistrement sous votre identité est obligatoire, et la boutique vous prend en photo) ;
- un téléphone débloqué ;
- des espèces, une carte étrangère, ou un ami qui paie avec son application.

## Applications de paiement mobile
Les espèces et les cartes sont de moins en moins acceptées : installez **Alipay** ou **WeChat Pay**.
1. Inscrivez-vous avec votre numéro chinois.
2. Vérifiez votre identité avec votre passeport.
3. Reliez une carte : une Visa ou une Mastercard étrangère suffit pour les petits montants ; une **carte bancaire** chinoise offre des plafonds plus élevés et moins de frais.

## Conseils
- Gardez le même numéro pendant tout votre séjour : en changer oblige à tout mettre à jour (banque, applications, dossier au bureau).
- Donnez votre numéro au bureau : par e-mail à iao@passerelle-demo.edu ou sur le portail étudiant.
- Les forfaits sont prépayés ; rechargez dans l'application de l'opérateur ou avec Alipay ou WeChat Pay.
- Le Wi-Fi du campus se connecte avec votre numéro d'étudiant ; en cas de souci, appelez le support informatique (poste 6150).
`,
  },
  {
    topic: 'housing',
    language: 'fr',
    title: 'Logement : résidence internationale du campus ou location en ville',
    tags: ['logement', 'résidence', 'chambre', 'hors-campus', 'loyer', 'propriétaire', 'housing'],
    audience: allStudents,
    lastReviewedOn: '2025-09-03',
    body: `
# Logement : résidence du campus ou location en ville

## La résidence internationale (sur le campus)
La plupart des étudiants internationaux logent à la **résidence internationale**, bâtiments 3 et 4 du campus Est.
- Chambres : individuelle (1 200 CNY par mois) ou double (800 CNY par mois et par personne), avec climatisation, salle de bains privée, bureau et Wi-Fi. Cuisines et laveries communes à chaque étage.
- **Demande :** sur le portail étudiant après l'admission ; les chambres sont attribuées dans l'ordre des demandes. Date limite : 30 juin pour le semestre d'automne, 15 décembre pour le semestre de printemps.
- **Arrivée :** accueil du bâtiment 3, ouvert 24 h/24. Apportez passeport, lettre d'admission et attestation d'assurance ; réglez le dépôt de garantie (un mois) et le loyer du premier semestre.
- L'accueil se charge de votre déclaration de résidence à la police.

## Règlement intérieur
- Silence de 23 h à 7 h.
- Les visiteurs s'inscrivent à l'accueil et repartent avant 22 h 30 ; pas d'invités pour la nuit.
- Interdits dans les chambres : appareils de cuisson, bougies, multiprises sans protection.
- Signalez les pannes sur le portail ou à l'accueil ; la plupart sont réparées en 2 jours ouvrés.

## Se loger hors campus
Vous pouvez louer un appartement en ville, à condition de :
1. signer un bail écrit avec le propriétaire (faites-le relire au guichet logement avant de signer) ;
2. faire votre déclaration de résidence à la police dans les **24 heures** suivant l'emménagement, avec votre propriétaire ;
3. remettre la déclaration de logement hors campus au guichet logement dans les **7 jours**, avec une copie du bail et du formulaire de la police.

La caution représente en général un ou deux mois de loyer, et les agences prennent environ un mois de loyer. Ne payez jamais avant d'avoir visité et vu le titre de propriété du bailleur.

Guichet logement : salle 110, bâtiment Minghui, poste 6103, housing@passerelle-demo.edu.
`,
  },
  {
    topic: 'health-care',
    language: 'fr',
    title: 'Se soigner : centre médical du campus, hôpitaux et médecins anglophones',
    tags: ['santé', 'médecin', 'hôpital', 'centre-médical', 'urgences', 'anglophone', 'health'],
    audience: allStudents,
    lastReviewedOn: '2025-09-03',
    body: `
# Se soigner : centre médical du campus et hôpitaux

## Le centre médical du campus
- Où : bâtiment 12, campus Ouest, à côté du stade.
- Horaires : du lundi au vendredi 8 h–17 h ; le week-end 9 h–12 h pour les cas urgents.
- Téléphone : poste 6120. E-mail : clinic@passerelle-demo.edu.
- **Médecin anglophone :** mardi et jeudi après-midi, sur rendez-vous par le portail étudiant ou au poste 6120.
- Apportez votre carte de campus. La consultation est gratuite ; les médicaments sont vendus à prix coûtant et pris en charge par l'assurance du campus.
- Le centre délivre les certificats médicaux qui justifient une absence en cours.

## Les hôpitaux
Pour un spécialiste, des examens ou tout ce que le centre ne peut pas traiter :
- **Hôpital populaire n° 1 de Lanhai, département médical international :** personnel anglophone, rendez-vous par téléphone ou dans l'application de l'hôpital, tiers payant avec l'assurance du campus. Métro ligne 2, station Hôpital populaire.
- **Hôpital des femmes et des enfants de Lanhai :** gynécologie et grossesse.

Dans un hôpital public, on commence par **s'inscrire** auprès d'un service (挂号), au guichet ou dans l'application, puis on attend son numéro. Apportez votre passeport ou titre de séjour, votre carte d'assurance et un téléphone avec paiement mobile.

## La nuit ou en urgence
- Appelez le **120** pour une ambulance, ou prenez un taxi jusqu'aux urgences (急诊).
- La sécurité du campus (poste 6110, 24 h/24) peut appeler une ambulance et vous faire accompagner.
- Prévenez ensuite le bureau : nous vous aidons pour le remboursement et pour vos cours.

## Conseils
- Gardez la facture (发票) et le compte rendu de chaque consultation pour l'assurance.
- Les pharmacies à croix verte vendent les médicaments courants ; les autres exigent une ordonnance.
- Si vous suivez un traitement, apportez une réserve de médicaments et une lettre de votre médecin.
`,
  },
  {
    topic: 'academic-rules',
    language: 'fr',
    title: 'Règlement des études : assiduité, crédits, notes, examens et intégrité',
    tags: ['études', 'assiduité', 'absences', 'crédits', 'notes', 'examens', 'plagiat'],
    audience: allStudents,
    lastReviewedOn: '2025-09-03',
    body: `
# Règlement des études : assiduité, crédits, notes et examens

## Assiduité
- La présence en cours est obligatoire. Au-delà d'**un tiers** d'absences dans un cours, vous ne pouvez pas passer l'examen final et le cours n'est pas validé.
- Pour vous absenter, faites une **demande d'absence** sur le portail étudiant *avant* le cours ; votre tuteur la valide. En cas de maladie, déposez le certificat du centre médical sous 3 jours.
- Un manque d'assiduité est signalé au Bureau des affaires internationales et peut bloquer votre certificat de scolarité, donc le renouvellement de votre titre de séjour.

## Crédits
- 1 crédit = 16 heures de cours.
- Les étudiants en diplôme suivent entre 12 et 30 crédits par semestre.
- Les étudiants en échange ou en double diplôme suivent les cours de leur contrat d'études (learning agreement) ; toute modification doit être approuvée par les deux établissements.
- Les ajouts et abandons de cours se font sur le portail, uniquement pendant les **deux premières semaines** du semestre.

## Notes
- Les cours sont notés sur 100 ; la note de passage est **60**.
- 90–100 = A (4,0), 80–89 = B, 70–79 = C, 60–69 = D, moins de 60 = F.
- Votre relevé de notes est sur le portail ; les relevés officiels pour votre université d'origine sont envoyés par le service de la scolarité.

## Examens
- Les examens finaux ont lieu les deux dernières semaines du semestre ; le calendrier est publié en semaine 12.
- Apportez votre **carte de campus** ; téléphones et montres connectées restent dans le sac.
- En cas d'échec, vous avez droit à une session de **rattrapage** au début du semestre suivant.

## Intégrité académique
Plagiat, triche, travail d'autrui présenté comme le sien, outils d'IA utilisés sans autorisation, données inventées : ce sont des fautes graves, sanctionnées d'un zéro jusqu'à l'exclusion temporaire ou définitive. Citez vos sources ; dans le doute, demandez à l'enseignant.

Service de la scolarité : salle 201, bâtiment Minghui, poste 6140, academic@passerelle-demo.edu.
`,
  },
  {
    topic: 'emergencies',
    language: 'fr',
    title: 'Urgences : 110, 119, 120, sécurité du campus et bons réflexes',
    tags: ['urgence', 'police', 'pompiers', 'ambulance', 'sécurité', 'typhon', 'emergency'],
    audience: allStudents,
    lastReviewedOn: '2025-09-03',
    body: `
# Urgences : qui appeler et que faire

## Numéros d'urgence (gratuits depuis n'importe quel téléphone en Chine)
| Numéro | Service |
| --- | --- |
| **110** | Police |
| **119** | Pompiers |
| **120** | Ambulance (SAMU) |
| **122** | Accidents de la route |
| **poste 6110** | Sécurité du campus, 24 h/24 (le numéro à composer depuis un portable est au dos de la carte de campus) |

Les opérateurs parlent surtout chinois. Parlez lentement, donnez votre **adresse en chinois** et, si possible, demandez à un ami sinophone ou à la sécurité du campus d'appeler pour vous.

## Les bons réflexes
1. **Mettez-vous en sécurité.** En cas d'incendie, sortez par l'escalier, jamais par l'ascenseur.
2. **Appelez** le bon numéro. Sur le campus, prévenez aussi la sécurité : elle connaît chaque bâtiment et guide l'ambulance ou les pompiers.
3. **Prévenez le bureau.** En dehors des heures d'ouverture, la sécurité du campus joint pour vous la permanence du Bureau des affaires internationales. Dites aussi à votre parrain (buddy) ou à un ami où vous êtes.
4. **Gardez les justificatifs.** Après un vol ou un accident, demandez un procès-verbal à la police ; après des soins, gardez les factures pour l'assurance.

## Soyez prêt
- Enregistrez ces numéros et l'adresse de votre résidence en chinois dans votre téléphone.
- Ayez sur vous votre passeport ou titre de séjour, ou au moins leur photo.
- Lanhai est au bord de la mer : suivez les alertes typhon de l'application du campus et restez à l'intérieur en cas d'alerte rouge.
- Participez à l'exercice d'évacuation de la résidence internationale, le premier mois de chaque semestre.

## Pas une urgence, mais pressé ?
Passeport perdu, conflit avec un propriétaire, sentiment d'insécurité ou de détresse : appelez le bureau (poste 6101) aux heures d'ouverture ou le service d'écoute psychologique (poste 6130).
`,
  },
  {
    topic: 'contacts',
    language: 'fr',
    title: 'Qui contacter : Bureau des affaires internationales, tuteurs et parrains',
    tags: ['contact', 'bureau', 'horaires', 'e-mail', 'tuteur', 'parrain', 'aide'],
    audience: allStudents,
    lastReviewedOn: '2025-09-03',
    body: `
# Qui contacter ?

## Le Bureau des affaires internationales
Votre premier interlocuteur pour toute question sur votre vie d'étudiant international.
- **Où :** salle 105, bâtiment Minghui, campus Est
- **Horaires d'ouverture :** du lundi au vendredi, 8 h 30–11 h 30 et 13 h 30–17 h (fermé les jours fériés)
- **Téléphone :** poste 6101 (depuis un portable, appelez le standard indiqué au dos de votre carte de campus)
- **E-mail :** iao@passerelle-demo.edu, réponse sous 2 jours ouvrés
- **WeChat :** posez vos questions à Passerelle, l'assistant du bureau, en français, en anglais ou en chinois, à toute heure

## Les guichets du bureau
| Question | Guichet | Poste | E-mail |
| --- | --- | --- | --- |
| Visa, titre de séjour, déclaration à la police | Guichet visas | 6102 | visa@passerelle-demo.edu |
| Résidence et logement en ville | Guichet logement | 6103 | housing@passerelle-demo.edu |
| Assurance maladie et remboursements | Guichet assurance | 6104 | insurance@passerelle-demo.edu |
| Parrainage, événements | Vie étudiante | 6105 | buddy@passerelle-demo.edu |

## Votre tuteur
Chaque étudiant a un **tuteur pédagogique**, enseignant de votre institut, qui valide vos cours, vos demandes d'absence et les modifications de votre contrat d'études. Demandez à Passerelle « Qui est mon tuteur ? » pour connaître son nom et son e-mail. Les tuteurs tiennent une permanence chaque semaine : prenez rendez-vous par e-mail.

## Votre parrain (buddy)
Un étudiant chinois bénévole qui vous aide pendant les premières semaines : accueil à l'aéroport, carte SIM, compte bancaire, cantines. Pour en avoir un, inscrivez-vous sur le portail étudiant ou écrivez à buddy@passerelle-demo.edu.

## Ailleurs sur le campus
- Service de la scolarité (cours, examens, relevés de notes) : poste 6140, academic@passerelle-demo.edu
- Centre médical : poste 6120, clinic@passerelle-demo.edu
- Service d'écoute psychologique : poste 6130, counselling@passerelle-demo.edu
- Sécurité du campus (24 h/24) : poste 6110
`,
  },
];

/**
 * The demo Survival Guide and FAQ: 28 articles in English, and Chinese and French versions of
 * the eleven most asked topics. Each body ends with a note that it is demo content for a
 * fictional campus, not official advice.
 */
export const demoArticles: ArticleInput[] = [
  ...englishCore,
  ...englishGuide,
  ...chinese,
  ...french,
].map(withDemoNote);
