import type { SeededRandom } from './seeded-random.js';
import { syntheticPii } from './synthetic-pii.js';

/** What a support-assistant user asks about (a low-cardinality segment). */
export const SUPPORT_INTENTS = ['billing', 'shipping', 'account', 'technical'] as const;
export type SupportIntent = (typeof SUPPORT_INTENTS)[number];

/**
 * A user message and the assistant's answer, with the pieces each is made of
 * (`prompt === promptParts.join('')`; every piece after the first starts with its separator), so
 * token counts can be taken per sentence and cached.
 */
export interface SupportConversation {
  readonly prompt: string;
  readonly response: string;
  readonly promptParts: readonly string[];
  readonly responseParts: readonly string[];
  /** Whether the prompt carries synthetic personal data. */
  readonly containsPii: boolean;
}

type Fill = (rng: SeededRandom) => string;

const order: Fill = (rng) => `#${100000 + rng.index(900000)}`;
const product: Fill = (rng) =>
  rng.pick(['the Aero 2 headphones', 'a 27" monitor', 'the starter plan', 'a USB-C dock', 'the family bundle']);

interface Topic {
  readonly ask: Fill;
  /** Sentences of a good answer, in order; an answer uses the first one to all of them. */
  readonly answer: readonly string[];
}

const TOPICS: Readonly<Record<SupportIntent, readonly Topic[]>> = {
  billing: [
    {
      ask: (r) => `I was charged twice for ${product(r)} this month. Can you refund one of the charges?`,
      answer: [
        'I can see two charges on your account for the same period.',
        'The second charge has been reversed and should appear on your statement within 5–7 business days.',
        'Refunds always go back to the original payment method.',
      ],
    },
    {
      ask: (r) => `Why did my invoice for order ${order(r)} go up? I did not change anything.`,
      answer: [
        'Prices for the plan changed on the first of the month, as announced in our e-mail of last quarter.',
        'Your invoice shows the new price from this billing period on.',
        'If you prefer, you can move to the yearly plan, which keeps the old price for twelve months.',
      ],
    },
    {
      ask: () => 'How do I switch from monthly to yearly billing, and do I get a discount?',
      answer: [
        'You can switch from the Billing page under Settings.',
        'Yearly billing saves two months compared with paying monthly.',
        'The unused part of your current month is credited to the first yearly invoice.',
      ],
    },
  ],
  shipping: [
    {
      ask: (r) => `Order ${order(r)} was supposed to arrive on Monday and the tracking has not moved since.`,
      answer: [
        'The carrier reports a delay at the regional sorting centre.',
        'Your parcel is expected to move again within 48 hours; tracking updates once it is scanned.',
        'If it has not arrived in ten days we send a replacement at no cost.',
      ],
    },
    {
      ask: (r) => `Can I change the delivery address of ${product(r)}? It has not shipped yet.`,
      answer: [
        'Yes: you can change the delivery address from the order page until the parcel leaves the warehouse.',
        'The order page shows a pencil icon next to the address while that is still possible.',
      ],
    },
    {
      ask: () => 'Do you ship to Canada, and how long does it usually take?',
      answer: [
        'We ship to Canada.',
        'Delivery usually takes 5 to 8 business days, plus customs clearance.',
        'Duties are calculated at checkout, so there is nothing to pay on delivery.',
      ],
    },
  ],
  account: [
    {
      ask: () => 'I cannot log in any more: the reset e-mail never arrives.',
      answer: [
        'Reset e-mails are sometimes filtered as spam; please check that folder first.',
        'I have sent a new reset link that is valid for 30 minutes.',
      ],
    },
    {
      ask: () => 'How do I add a second user to my account and give them admin rights?',
      answer: [
        'Admins can invite users from Settings → Team.',
        'Choose the Admin role in the invitation; you can change it later from the same page.',
      ],
    },
    {
      ask: () => 'Please delete my account and all the data you have about me.',
      answer: [
        'I have started the deletion of your account.',
        'It removes your profile, orders and messages within 30 days, as our privacy policy describes.',
        'For security, you will receive a confirmation request at the e-mail address on file.',
      ],
    },
  ],
  technical: [
    {
      ask: (r) => `I keep losing the connection to ${product(r)} since the last update. What can I do?`,
      answer: [
        'This is a known issue with firmware 2.3, fixed in 2.3.1, which is rolling out this week.',
        'Until then, turning off battery optimisation for the companion app avoids most drops.',
      ],
    },
    {
      ask: () => 'The mobile app crashes when I open the settings page on Android 14.',
      answer: [
        'The crash on Android 14 is fixed in version 5.12 of the app, available in the store now.',
        'If it still happens after the update, clearing the app cache resolves it.',
      ],
    },
    {
      ask: () => 'Your API returns 429 errors although we are far below our quota.',
      answer: [
        'A 429 means the per-minute limit was reached, which is separate from the monthly quota.',
        'Spreading requests over the minute, or asking us to raise the per-minute limit, resolves it.',
        'The Retry-After header says how long to wait before the next request.',
      ],
    },
  ],
};

// Personal data a user volunteers; appended to a question so redaction has work to do.
const PII_SENTENCES: readonly Fill[] = [
  (r) => `You can reach me at ${syntheticPii.email(r)}.`,
  (r) => `My phone number is ${syntheticPii.phone(r)} if that is easier.`,
  (r) => `The card I used is ${syntheticPii.cardNumber(r)}.`,
  (r) => `I'm ${syntheticPii.name(r)}, account e-mail ${syntheticPii.email(r)}, phone ${syntheticPii.phone(r)}.`,
];

const OPENERS = ['Thanks for reaching out.', 'Happy to help with that.', 'Sorry for the trouble.'];
const EMPATHY = [
  'I understand how frustrating this is, and I want to get it sorted for you today.',
  'Thanks for your patience while I looked into this.',
];
const NEXT_STEPS = [
  'Reply here if anything is still unclear.',
  'You will get an e-mail confirmation shortly.',
  'No further action is needed on your side.',
  'Check the status page for live updates.',
];

/**
 * One templated support conversation. `prompt-v2` (the treatment) answers with an empathy line
 * and a "Next steps" list, so its answers are longer (more output tokens, cost and latency).
 * `piiShare` is the probability the user volunteers synthetic personal data.
 */
export function supportConversation(
  rng: SeededRandom,
  intent: SupportIntent,
  promptVersion: 'prompt-v1' | 'prompt-v2',
  piiShare: number,
): SupportConversation {
  const topic = rng.pick(TOPICS[intent]);
  const promptParts = [topic.ask(rng)];
  const containsPii = rng.chance(piiShare);
  if (containsPii) promptParts.push(` ${rng.pick(PII_SENTENCES)(rng)}`);
  const sentences = [rng.pick(OPENERS)];
  if (promptVersion === 'prompt-v2') sentences.push(rng.pick(EMPATHY));
  sentences.push(...topic.answer.slice(0, 1 + rng.index(topic.answer.length)));
  const responseParts = sentences.map((sentence, i) => (i === 0 ? sentence : ` ${sentence}`));
  if (promptVersion === 'prompt-v2') {
    const a = rng.index(NEXT_STEPS.length);
    responseParts.push(`\n\nNext steps:\n- ${NEXT_STEPS[a]}\n- ${NEXT_STEPS[(a + 1) % NEXT_STEPS.length]}`);
  }
  return {
    prompt: promptParts.join(''),
    response: responseParts.join(''),
    promptParts,
    responseParts,
    containsPii,
  };
}
