import { cue, fold } from './text';

/**
 * Attempts to talk the bot out of its rules or into another role. Spotting one changes
 * nothing about who is asking: the role always comes from the channel's binding. The flag
 * lets the engine log it and answer with care.
 */
const INJECTION_RE = cue(
  [
    '(?:ignore|disregard|forget|override|bypass)(?: all| any| the| your| my)*(?: previous| prior| above| earlier| former| system| original)?(?: instructions?| rules?| prompts?| directions?| guidelines?| restrictions?| context)',
    'system prompt',
    'developer mode',
    'dan mode',
    'jailbreak',
    'you are now',
    "you're now",
    'from now on you',
    'pretend (?:to be|you are|that)',
    'act as (?:an? )?(?:admin|administrator|staff|teacher|superuser|root|developer|system)',
    "(?:i am|i'm|im) (?:an? |the )?(?:staff|admin|administrator|teacher|professor|member of (?:the )?staff|staff member|employee|officer|superuser|root|developer|dean)",
    'treat me as (?:an? )?(?:staff|admin)',
    'as (?:an? )?(?:admin|administrator), ',
    'grant me',
    'elevate my',
    'change my role',
    'switch (?:my )?role',
    'sudo',
    '(?:ignore|oublie|oubliez|ignorez)(?: toutes| tous)?(?: les| tes| vos)? (?:instructions|regles|consignes)(?: precedentes)?',
    'tu es maintenant',
    'vous etes maintenant',
    'fais comme si',
    'faites comme si',
    'mode developpeur',
    'je suis (?:un |une |le |la )?(?:membre du personnel|administrateur|administratrice|admin|enseignant|enseignante|professeur|prof|personnel|staff|employe|employee|responsable|doyen)',
    'considere-moi comme',
  ],
  [
    '忽略(?:之前|以上|前面|上面|所有|你的)?的?(?:指令|指示|规则|提示|设定|说明|要求)',
    '忘记(?:之前|以上|前面|你的)?的?(?:指令|指示|规则|提示|设定)',
    '我是(?:老师|教师|管理员|工作人员|员工|教职工|职员|staff|admin|院长|领导|辅导员)',
    '我是学校的(?:老师|工作人员|员工)',
    '系统提示',
    '你现在是',
    '扮演',
    '假装',
    '开发者模式',
    '越狱',
    '把我当作',
    '切换角色',
  ],
);

export function detectInjection(text: string): boolean {
  return INJECTION_RE.test(fold(text));
}
