import type { CampaignSettings } from './campaign-settings.js'

export type ReferralSource = 'invite' | 'link' | 'agent' | 'api' | 'import' | 'intercom'
export type ReferralStatus = 'pending' | 'qualified' | 'rejected'

/** Who or what caused a change; recorded with every event. */
export interface Actor {
  readonly type: 'admin' | 'contact' | 'system' | 'api' | 'webhook' | 'import' | 'operator'
  readonly id?: string | null
  /** The Inbox conversation an agent acted from: the change is noted there in their name. */
  readonly conversationId?: string | null
}

export interface PersonInput {
  readonly contactId?: string | null
  readonly email?: string | null
  readonly name?: string | null
}

export interface Workspace {
  readonly id: string
  readonly name: string | null
  readonly region: string
  readonly status: 'local' | 'active' | 'disconnected' | 'uninstalled'
}

export interface Campaign {
  readonly id: string
  readonly workspaceId: string
  readonly name: string
  readonly isDefault: boolean
  readonly status: 'active' | 'paused' | 'archived'
  readonly settings: CampaignSettings
  /** Bumped by every change; a save that names an older one is refused. */
  readonly version: number
  readonly updatedAt: Date
}

export interface Participant {
  readonly id: string
  readonly workspaceId: string
  readonly contactId: string | null
  readonly email: string | null
  readonly emailNormalized: string | null
  readonly emailPlusAddressed: boolean
  readonly name: string | null
  readonly firstName: string | null
}

export interface Referrer {
  readonly id: string
  readonly workspaceId: string
  readonly campaignId: string
  readonly participantId: string
  readonly source: string
  readonly code: string
  readonly referralCount: number
  readonly pendingCount: number
  readonly convertedCount: number
  readonly rejectedCount: number
  readonly clickCount: number
  readonly lastReferralAt: Date | null
  readonly createdAt: Date
  /** Set when an agent blocked this referrer (see ledger/referrer-blocks.ts). */
  readonly blockedAt?: Date | null
  readonly blockedReason?: string | null
}

export interface Referral {
  readonly id: string
  readonly workspaceId: string
  readonly campaignId: string
  readonly referrerId: string
  readonly referrerParticipantId: string
  readonly friendParticipantId: string
  readonly source: string
  readonly status: ReferralStatus
  readonly statusReason: string | null
  readonly reviewReason: string | null
  readonly createdAt: Date
  readonly qualifiedAt: Date | null
  readonly rejectedAt: Date | null
}
