import type { CampaignSettingsInput } from './campaign-settings.js'

/** The starting points a new campaign can be created from; each is an ordinary settings value. */
export const CAMPAIGN_TEMPLATES = {
  'both-sides': {
    title: 'Give both sides a reward',
    description: 'The referrer and the friend each get $10 when the friend becomes a user.',
    settings: {
      rewards: {
        rules: [
          {
            id: 'both-10',
            recipient: 'both',
            kind: 'fixed',
            amountMinor: 1000,
            currency: 'USD',
            description: '$10 credit',
          },
        ],
      },
    },
  },
  milestones: {
    title: 'Reward the referrer at milestones',
    description: '500 points at the 3rd qualified friend, 2,000 more at the 10th.',
    settings: {
      card: { rewardGoal: 3 },
      rewards: {
        rules: [
          { id: 'milestone-3', kind: 'points', points: 500, milestone: 3, description: 'Bronze' },
          {
            id: 'milestone-10',
            kind: 'points',
            points: 2000,
            milestone: 10,
            description: 'Gold',
          },
        ],
      },
    },
  },
  commission: {
    title: 'Commission on sales',
    description: 'The referrer earns 10% of what each friend spends, read from an attribute.',
    settings: {
      rewards: {
        manualApproval: true,
        rules: [
          {
            id: 'commission-10',
            kind: 'commission',
            percent: 10,
            currency: 'USD',
            saleAttribute: 'custom_attributes.sale_value',
            description: '10% commission',
          },
        ],
      },
    },
  },
} as const satisfies Record<
  string,
  { title: string; description: string; settings: CampaignSettingsInput }
>

export type CampaignTemplate = keyof typeof CAMPAIGN_TEMPLATES
export const CAMPAIGN_TEMPLATE_IDS = Object.keys(CAMPAIGN_TEMPLATES) as [
  CampaignTemplate,
  ...CampaignTemplate[],
]
