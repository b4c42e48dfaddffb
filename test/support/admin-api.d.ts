export interface paths {
    "/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List workspaces */
        get: operations["listWorkspaces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a workspace */
        get: operations["getWorkspace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List campaigns (archived ones included, with their status) */
        get: operations["listCampaigns"];
        put?: never;
        /** Create a campaign, optionally from a starting point */
        post: operations["createCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/campaigns/{campaignId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a campaign */
        get: operations["getCampaign"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a campaign (settings merged, then validated whole; 409 when stale) */
        patch: operations["updateCampaign"];
        trace?: never;
    };
    "/workspaces/{workspaceId}/campaigns/{campaignId}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Duplicate a campaign (settings copied; referrers and referrals are not) */
        post: operations["duplicateCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/campaigns/{campaignId}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive a campaign (its referral links keep working) */
        post: operations["archiveCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/campaigns/{campaignId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore an archived campaign */
        post: operations["restoreCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/campaigns/{campaignId}/make-default": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a campaign the default (used when a card or panel names none) */
        post: operations["makeDefaultCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/campaigns/{campaignId}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Preview every screen a sample contact and their friend get with draft settings: the Messenger card, invite form, share sheet, landing page and Inbox panel (nothing is saved) */
        post: operations["previewCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/campaigns/{campaignId}/preview/panel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The Messenger card, invite form, share text, share sheet and landing page for draft settings, as one HTML fragment (nothing is saved) */
        post: operations["previewCampaignPanel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/referrers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search referrers (cursor pagination) */
        get: operations["listReferrers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/referrers/{referrerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a referrer */
        get: operations["getReferrer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/referrers/{referrerId}/resend-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a referrer their referral link again through Intercom */
        post: operations["resendReferrerLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List referrals (cursor pagination) */
        get: operations["listReferrals"];
        put?: never;
        /** Attribute a referral (first attribution per campaign wins) */
        post: operations["createReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/referrals/{referralId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a referral */
        get: operations["getReferral"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/referrals/{referralId}/qualify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Qualify a referral */
        post: operations["qualifyReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/referrals/{referralId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a referral */
        post: operations["rejectReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/rewards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List rewards (cursor pagination) */
        get: operations["listRewards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/rewards/{rewardId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a reward */
        get: operations["getReward"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/rewards/{rewardId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a pending reward */
        post: operations["approveReward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/rewards/{rewardId}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline a reward */
        post: operations["declineReward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/rewards/{rewardId}/fulfil": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a reward fulfilled */
        post: operations["fulfilReward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/rewards/{rewardId}/retry-delivery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Try delivering a reward again after its delivery failed */
        post: operations["retryRewardDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/referrals/bulk-decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide many pending referrals at once (each skipped if already decided) */
        post: operations["bulkDecideReferrals"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/rewards/bulk-decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide many pending rewards at once (each skipped if already decided) */
        post: operations["bulkDecideRewards"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/coupon-pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Coupon pools of a campaign (default campaign when omitted) */
        get: operations["listCouponPools"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/coupon-pools/{pool}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One coupon pool */
        get: operations["getCouponPool"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/coupon-pools/{pool}/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload coupon codes to a pool */
        post: operations["uploadCoupons"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/sync-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sync runs with progress */
        get: operations["listSyncRuns"];
        put?: never;
        /** Start a contact import (returns the running one if any) */
        post: operations["startSyncRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/sync-runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a sync run */
        get: operations["getSyncRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List failed contact write-backs, newest first */
        get: operations["listDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/dead-letters/{deadLetterId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry a failed contact write-back (queues a fresh write) */
        post: operations["retryDeadLetter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Clicks, sign-ups, qualified, conversion, rewards, leaderboard, sources, series, funnel, campaigns, revenue, share channels */
        get: operations["getAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/time-zone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the time zone the workspace's analytics days are counted in */
        put: operations["setWorkspaceTimeZone"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/exports/{kind}.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** CSV of every referrer, referral, reward, payout or sync run, streamed page by page */
        get: operations["exportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/billing/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's Stripe connection, and the webhook URL to give Stripe */
        get: operations["getStripeConnection"];
        /** Connect Stripe: checks the secret key with Stripe, then stores both secrets encrypted */
        put: operations["connectStripe"];
        post?: never;
        /** Disconnect Stripe (events stop being accepted; history stays) */
        delete: operations["disconnectStripe"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/billing/unmatched": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stripe events that match no referred friend yet (re-matched when one appears), newest first */
        get: operations["listUnmatchedBillingEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/referrals/{referralId}/billing-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A referral's Stripe events and what each did, oldest first */
        get: operations["listReferralBillingEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/privacy/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Erase a person: their email, name, contact id, codes and mentions go; counts and amounts stay */
        post: operations["erasePerson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{workspaceId}/privacy/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export everything the workspace holds about a person (subject-access request) */
        get: operations["exportPerson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        CampaignSettingsInput: {
            /**
             * Where a referral link leads
             * @description Your sign-up or landing page; the code is added to it. Empty: the friend’s landing page hosted by this app.
             * @default null
             */
            destinationUrl: string | null;
            /**
             * Where an unknown link leads
             * @description For a mistyped or retired code. Empty: the same page as above, without a code.
             * @default null
             */
            fallbackUrl: string | null;
            /**
             * Name of the code in the link
             * @description The code arrives on your page as ?ref=CODE. Default: ref.
             * @default ref
             */
            codeParam: string;
            /**
             * Style of new codes
             * @description Based on the person’s name (jane-k7p2) or random letters. Default: name.
             * @default name
             * @enum {string}
             */
            codeStyle: "name" | "random";
            /**
             * Friend’s landing page
             * @description The page a friend sees when “Where a referral link leads” is empty: who invited them, what they get and a sign-up button.
             * @default {
             *       "brandName": null,
             *       "colour": null,
             *       "logoUrl": null,
             *       "signUpUrl": null
             *     }
             */
            landing: {
                /**
                 * Your company name
                 * @description Shown at the top of the page. Empty: the workspace’s name in Intercom.
                 * @default null
                 */
                brandName: string | null;
                /**
                 * Brand colour
                 * @description The button colour, e.g. #1f5fbf. A colour too pale for readable text falls back to blue.
                 * @default null
                 */
                colour: string | null;
                /**
                 * Logo (web address of the image)
                 * @description A PNG, SVG or JPEG on https, shown about 40 px tall. Empty: your name in text.
                 * @default null
                 */
                logoUrl: string | null;
                /**
                 * Sign-up button leads to
                 * @description Where “Sign up” takes the friend; the code is added to it. Empty: no button, the page asks them to mention the code.
                 * @default null
                 */
                signUpUrl: string | null;
            };
            /**
             * Messenger card
             * @description What contacts see on the referral card in the Messenger.
             * @default {
             *       "headline": null,
             *       "showLink": true,
             *       "showCounts": true,
             *       "showRewards": true,
             *       "showShare": true,
             *       "showInvite": true,
             *       "rewardGoal": 3,
             *       "layout": "compact",
             *       "shareMessage": {
             *         "en": null,
             *         "es": null,
             *         "fr": null,
             *         "de": null,
             *         "pt": null
             *       },
             *       "showQr": false
             *     }
             */
            card: {
                /**
                 * Headline
                 * @description The title at the top of the card. Empty: the standard title, in the contact’s language.
                 * @default null
                 */
                headline: string | null;
                /**
                 * Show the referral link
                 * @description The contact’s personal link, ready to copy. On by default.
                 * @default true
                 */
                showLink: boolean;
                /**
                 * Show friends joined and qualified
                 * @description Two counters that show the referrer their progress. On by default.
                 * @default true
                 */
                showCounts: boolean;
                /**
                 * Show rewards and progress
                 * @description Rewards earned and how many referrals until the next one. On by default.
                 * @default true
                 */
                showRewards: boolean;
                /**
                 * Show share buttons
                 * @description Email, X, LinkedIn and WhatsApp buttons with the link filled in. On by default.
                 * @default true
                 */
                showShare: boolean;
                /**
                 * Show the invite form
                 * @description Lets the contact type a friend’s email to invite them. On by default.
                 * @default true
                 */
                showInvite: boolean;
                /**
                 * Referrals per reward (no longer used)
                 * @description The card’s progress now follows your reward rules: the next reward and how many friends away it is. Kept so saved campaigns load.
                 * @default 3
                 */
                rewardGoal: number;
                /**
                 * Card size
                 * @description Compact keeps the card to a few lines and opens sharing and the invite form on a tap; full shows every share button and the invite form on the card itself.
                 * @default compact
                 * @enum {string}
                 */
                layout: "compact" | "full";
                /**
                 * Share message
                 * @description What a shared link says, per language; {link} marks where the link goes. Empty: a standard message that names what the friend gets.
                 * @default {
                 *       "en": null,
                 *       "es": null,
                 *       "fr": null,
                 *       "de": null,
                 *       "pt": null
                 *     }
                 */
                shareMessage: {
                    /**
                     * English
                     * @description The message in English. Empty: the standard English message.
                     * @default null
                     */
                    en: string | null;
                    /**
                     * Spanish
                     * @description The message in Spanish. Empty: the standard Spanish message.
                     * @default null
                     */
                    es: string | null;
                    /**
                     * French
                     * @description The message in French. Empty: the standard French message.
                     * @default null
                     */
                    fr: string | null;
                    /**
                     * German
                     * @description The message in German. Empty: the standard German message.
                     * @default null
                     */
                    de: string | null;
                    /**
                     * Portuguese
                     * @description The message in Portuguese. Empty: the standard Portuguese message.
                     * @default null
                     */
                    pt: string | null;
                };
                /**
                 * Show a QR code on the card
                 * @description Adds a scannable code of the referral link to the card. The share sheet always has one.
                 * @default false
                 */
                showQr: boolean;
            };
            /**
             * Attributes written to Intercom
             * @description The contact attributes the app keeps up to date; empty switches one off.
             * @default {
             *       "referral_code": "referral_code",
             *       "referral_link": "referral_link",
             *       "referral_count": "referral_count",
             *       "referral_converted_count": "referral_converted_count",
             *       "referral_last_at": "referral_last_at",
             *       "referred_by_code": "referred_by_code",
             *       "referral_status": "referral_status"
             *     }
             */
            attributes: {
                /**
                 * Referral code
                 * @description The referrer's own code. Empty stops writing it.
                 * @default referral_code
                 */
                referral_code: string | null;
                /**
                 * Referral link
                 * @description The referrer's link to share. Empty stops writing it.
                 * @default referral_link
                 */
                referral_link: string | null;
                /**
                 * Friends referred
                 * @description How many friends signed up. Empty stops writing it.
                 * @default referral_count
                 */
                referral_count: string | null;
                /**
                 * Friends who qualified
                 * @description How many of those friends qualified. Empty stops writing it.
                 * @default referral_converted_count
                 */
                referral_converted_count: string | null;
                /**
                 * Last referral
                 * @description When the referrer last brought a friend.
                 * @default referral_last_at
                 */
                referral_last_at: string | null;
                /**
                 * Referred with code
                 * @description On the friend: the code they signed up with.
                 * @default referred_by_code
                 */
                referred_by_code: string | null;
                /**
                 * Friend’s referral status
                 * @description On the friend: pending, qualified or rejected.
                 * @default referral_status
                 */
                referral_status: string | null;
            };
            /**
             * When a friend qualifies
             * @description A referral counts (and earns rewards) when the friend’s attribute matches.
             * @default {
             *       "attribute": "role",
             *       "values": [
             *         "user"
             *       ],
             *       "initialValue": null
             *     }
             */
            qualification: {
                /**
                 * Attribute that qualifies a friend
                 * @description The friend’s contact attribute to watch. Default: role (a lead becoming a user qualifies).
                 * @default role
                 */
                attribute: string;
                /**
                 * Values that qualify
                 * @description The friend qualifies when the attribute takes one of these. Default: user.
                 * @default [
                 *       "user"
                 *     ]
                 */
                values: string[];
                /**
                 * Starting value for new friends
                 * @description Written on a friend the app creates, so a later change is seen. Empty writes nothing.
                 * @default null
                 */
                initialValue: string | null;
            };
            /**
             * Rewards
             * @description What referrers and friends get for qualified referrals.
             * @default {
             *       "rules": [],
             *       "manualApproval": false,
             *       "capPerReferrer": null,
             *       "fulfilmentWebhookUrl": null
             *     }
             */
            rewards: {
                /**
                 * Reward rules
                 * @description What is given when a friend qualifies. No rules: referrals are only counted.
                 * @default []
                 */
                rules: {
                    /**
                     * Rule id
                     * @description Identifies the rule so a reward is never issued twice; set by the dashboard.
                     */
                    id: string;
                    /**
                     * Who gets it
                     * @description The referrer, the friend they brought, or both. Default: the referrer.
                     * @default referrer
                     * @enum {string}
                     */
                    recipient: "referrer" | "friend" | "both";
                    /**
                     * What they get
                     * @description A fixed amount, points, a coupon from a pool, or a commission on a sale.
                     * @enum {string}
                     */
                    kind: "fixed" | "points" | "coupon" | "commission" | "payout";
                    /**
                     * Amount
                     * @description For a fixed reward: how much, e.g. 10.00. Stored in the currency's minor unit (cents; yen as they are).
                     * @default null
                     */
                    amountMinor: number | null;
                    /**
                     * Currency
                     * @description Three-letter code for a fixed or commission reward, e.g. USD or EUR.
                     * @default null
                     */
                    currency: string | null;
                    /**
                     * Points
                     * @description For a points reward: how many points.
                     * @default null
                     */
                    points: number | null;
                    /**
                     * Coupon pool
                     * @description For a coupon reward: each reward takes the next unused code from this pool.
                     * @default null
                     */
                    couponPool: string | null;
                    /**
                     * Where the coupon codes come from
                     * @description Codes you paste or upload into a pool, or (with Stripe connected) a promotion code the app creates in Stripe for each reward.
                     * @default codes
                     */
                    couponSource: ("codes" | "stripe") | null;
                    /**
                     * Discount (%)
                     * @description For a coupon: how much it takes off, e.g. 20 for 20% off. Named on the card and share text; with Stripe, the coupon the app creates.
                     * @default null
                     */
                    percentOff: number | null;
                    /**
                     * Commission %
                     * @description For a commission: the share of the sale value, from 0 to 100.
                     * @default null
                     */
                    percent: number | null;
                    /**
                     * Sale value attribute
                     * @description For a commission: the friend’s attribute holding the sale amount.
                     * @default null
                     */
                    saleAttribute: string | null;
                    /**
                     * Paid out by
                     * @description For a gift card or cash: Tremendous, Tango Card or PayPal, once connected.
                     * @default null
                     */
                    payoutProvider: ("tremendous" | "tango_card" | "paypal") | null;
                    /**
                     * Gift card
                     * @description Tremendous product id or Tango Card item (utid). Empty with Tremendous: the recipient chooses.
                     * @default null
                     */
                    payoutProduct: string | null;
                    /**
                     * Gift card name
                     * @description How the card is named to the referrer, e.g. Amazon gift card.
                     * @default null
                     */
                    payoutProductName: string | null;
                    /**
                     * Delivered
                     * @description E-mailed by the provider, or as a link shown to the referrer.
                     * @default email
                     */
                    payoutDelivery: ("email" | "link") | null;
                    /**
                     * At which qualified referral
                     * @description Empty: every qualified referral. A number N: once, at the Nth (milestone).
                     * @default null
                     */
                    milestone: number | null;
                    /**
                     * At most per referrer
                     * @description The most times this rule rewards one referrer. Empty: no limit.
                     * @default null
                     */
                    cap: number | null;
                    /**
                     * Shown as
                     * @description How the reward is named to people, e.g. “$10 credit”. Empty uses the kind.
                     * @default null
                     */
                    description: string | null;
                }[];
                /**
                 * Review rewards before they are given
                 * @description Rewards wait in Reward review until someone approves them. Off by default.
                 * @default false
                 */
                manualApproval: boolean;
                /**
                 * Most rewards per referrer
                 * @description Across all rules, how many rewards one referrer can earn. Empty: no limit.
                 * @default null
                 */
                capPerReferrer: number | null;
                /**
                 * Send approved rewards to (web address)
                 * @description Your system receives each approved reward here, signed. Empty: nothing is sent.
                 * @default null
                 */
                fulfilmentWebhookUrl: string | null;
            };
            /**
             * Fraud protection
             * @description Referrals that look abusive are rejected or held for review.
             * @default {
             *       "blockDisposableDomains": true,
             *       "blocklist": [],
             *       "maxReferralsPerHour": 20
             *     }
             */
            fraud: {
                /**
                 * Refuse throw-away email addresses
                 * @description Friends with disposable addresses (mailinator and the like) are rejected. On.
                 * @default true
                 */
                blockDisposableDomains: boolean;
                /**
                 * Blocked emails and domains
                 * @description One per line, e.g. rival.com or jane@example.com. Empty blocks nobody.
                 * @default []
                 */
                blocklist: string[];
                /**
                 * Most referrals per referrer per hour
                 * @description More than this in an hour go to review as suspicious. Default: 20.
                 * @default 20
                 */
                maxReferralsPerHour: number;
            };
            /**
             * Contacts in Intercom
             * @description Which contacts the app creates in Intercom, and what it writes on them.
             * @default {
             *       "onReferrerJoin": "none",
             *       "onFriendReferred": "lead",
             *       "duplicatePolicy": "update",
             *       "referrerFields": {},
             *       "friendFields": {},
             *       "defaults": {}
             *     }
             */
            intercom: {
                /**
                 * When a referrer joins without an Intercom contact
                 * @description Create them in Intercom as a lead or a user. Default: create nothing.
                 * @default none
                 * @enum {string}
                 */
                onReferrerJoin: "none" | "lead" | "user";
                /**
                 * When a friend is invited
                 * @description Create the friend in Intercom as a lead or a user. Default: as a lead.
                 * @default lead
                 * @enum {string}
                 */
                onFriendReferred: "none" | "lead" | "user";
                /**
                 * When the contact already exists
                 * @description Update the existing contact with the fields below, or leave it. Default: update.
                 * @default update
                 * @enum {string}
                 */
                duplicatePolicy: "skip" | "update";
                /**
                 * Extra fields written on referrers
                 * @description Each row copies a referral fact into an Intercom attribute. Empty: none extra.
                 * @default {}
                 */
                referrerFields: {
                    [key: string]: string;
                };
                /**
                 * Extra fields written on friends
                 * @description Each row copies a referral fact into an Intercom attribute. Empty: none extra.
                 * @default {}
                 */
                friendFields: {
                    [key: string]: string;
                };
                /**
                 * Fixed values on contacts the app creates
                 * @description Each row sets an attribute to the same value on every new contact.
                 * @default {}
                 */
                defaults: {
                    [key: string]: string | number | boolean;
                };
            };
            /**
             * Import referrers from Intercom
             * @description Bring existing Intercom contacts in as referrers, once or on a schedule.
             * @default {
             *       "source": "users",
             *       "segmentId": null,
             *       "mode": "once",
             *       "enabled": false,
             *       "intervalMinutes": 60,
             *       "fieldMap": {
             *         "name": "name",
             *         "email": "email"
             *       }
             *     }
             */
            import: {
                /**
                 * Who to import
                 * @description Which Intercom contacts become referrers. Default: users.
                 * @default users
                 * @enum {string}
                 */
                source: "leads" | "users" | "all" | "segment";
                /**
                 * Segment
                 * @description When importing a segment: which one. Not used for the other choices.
                 * @default null
                 */
                segmentId: string | null;
                /**
                 * How often
                 * @description Import once, or keep importing new contacts on a schedule. Default: once.
                 * @default once
                 * @enum {string}
                 */
                mode: "once" | "ongoing";
                /**
                 * Import contacts from Intercom
                 * @description Turns the import on. Off by default: referrers join from the Messenger card.
                 * @default false
                 */
                enabled: boolean;
                /**
                 * Minutes between imports
                 * @description For ongoing imports: how long to wait between runs, 5 to 10,080. Default: 60.
                 * @default 60
                 */
                intervalMinutes: number;
                /**
                 * Fields to import
                 * @description Each row reads an Intercom attribute into a referrer field. Email is always read.
                 * @default {
                 *       "name": "name",
                 *       "email": "email"
                 *     }
                 */
                fieldMap: {
                    [key: string]: string;
                };
            };
            /**
             * Payments (Stripe)
             * @description How payments in your Stripe account qualify referrals and earn commissions.
             * @default {
             *       "qualifyOnFirstPayment": true,
             *       "minimumAmountMinor": null,
             *       "minimumCurrency": null,
             *       "excludeTrials": true,
             *       "commissionPercent": null,
             *       "commissionDuration": "months",
             *       "commissionMonths": 12,
             *       "holdDays": 14,
             *       "creditRewardsAs": "none"
             *     }
             */
            billing: {
                /**
                 * A first payment qualifies the referral
                 * @description Once Stripe is connected, the friend's first paid invoice counts as a conversion. Off: only the Intercom rule qualifies.
                 * @default true
                 */
                qualifyOnFirstPayment: boolean;
                /**
                 * Minimum first payment (in cents)
                 * @description A first invoice smaller than this, after tax and discounts, does not qualify. Empty: any amount.
                 * @default null
                 */
                minimumAmountMinor: number | null;
                /**
                 * Currency of the minimum payment
                 * @description Three letters, such as USD. Invoices in another currency do not qualify.
                 * @default null
                 */
                minimumCurrency: string | null;
                /**
                 * Free trials do not count
                 * @description A $0 invoice (a trial starting) neither qualifies nor earns. Off: it qualifies.
                 * @default true
                 */
                excludeTrials: boolean;
                /**
                 * Commission on payments (%)
                 * @description The referrer earns this share of each of the friend's paid invoices, after tax and discounts. Empty: no commission.
                 * @default null
                 */
                commissionPercent: number | null;
                /**
                 * Pay commission on
                 * @description The first invoice only, invoices in the first months after the first payment, or every invoice.
                 * @default months
                 * @enum {string}
                 */
                commissionDuration: "first_invoice" | "months" | "forever";
                /**
                 * Months of commission
                 * @description With "first months": invoices paid this many months after the first payment earn.
                 * @default 12
                 */
                commissionMonths: number;
                /**
                 * Hold period (days)
                 * @description A reward earned from a payment waits this long before approval, so a refund can still cancel it.
                 * @default 14
                 */
                holdDays: number;
                /**
                 * Pay money rewards as Stripe credit
                 * @description Balance: credit on the recipient's Stripe customer. Promotion code: a one-off code. None: as today.
                 * @default none
                 * @enum {string}
                 */
                creditRewardsAs: "none" | "balance" | "promotion_code";
            };
            /**
             * Invitation limits
             * @description Protects friends' inboxes and your sending reputation from misuse of the invite form.
             * @default {
             *       "perReferrerPerDay": 10,
             *       "perWorkspacePerHour": 500,
             *       "reinviteAfterDays": 30
             *     }
             */
            invites: {
                /**
                 * Invitations per customer per day
                 * @description How many friends one customer can invite from the Messenger card in 24 hours. Default 10.
                 * @default 10
                 */
                perReferrerPerDay: number;
                /**
                 * Invitations per hour, all customers together
                 * @description A ceiling on invitations from the whole workspace in one hour, against abuse. Default 500.
                 * @default 500
                 */
                perWorkspacePerHour: number;
                /**
                 * Days before a friend can be invited again
                 * @description A friend invited by anyone is not invited again for this many days; 0 allows it at once. Default 30.
                 * @default 30
                 */
                reinviteAfterDays: number;
            };
        };
        WorkspaceInput: {
            id: string;
            name: string | null;
            region: string;
            /** @enum {string} */
            status: "local" | "active" | "disconnected" | "uninstalled";
        };
        CampaignInput: {
            /** Format: uuid */
            id: string;
            workspaceId: string;
            name: string;
            isDefault: boolean;
            /** @enum {string} */
            status: "active" | "paused" | "archived";
            settings: components["schemas"]["CampaignSettingsInput"];
            /** @description bumped by every change; send it back (or If-Match) to refuse stale saves */
            version: number;
            /** Format: date-time */
            updatedAt: string;
        };
        ReferrerInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            /** Format: uuid */
            participantId: string;
            contactId: string | null;
            email: string | null;
            name: string | null;
            code: string;
            source: string;
            referralCount: number;
            pendingCount: number;
            convertedCount: number;
            rejectedCount: number;
            clickCount: number;
            lastReferralAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        ReferralInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            /** Format: uuid */
            referrerId: string;
            referrerCode: string | null;
            referrerEmail: string | null;
            /** Format: uuid */
            friendParticipantId: string;
            friendEmail: string | null;
            friendName: string | null;
            source: string;
            /** @enum {string} */
            status: "pending" | "qualified" | "rejected";
            statusReason: string | null;
            reviewReason: string | null;
            /** Format: date-time */
            createdAt: string;
            qualifiedAt: string | null;
            rejectedAt: string | null;
        };
        RewardInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            referralId: string | null;
            /** Format: uuid */
            participantId: string;
            /** @enum {string} */
            recipientRole: "referrer" | "friend";
            recipientEmail: string | null;
            recipientName: string | null;
            kind: string;
            /** @description money in the currency's ISO 4217 minor unit: cents, or yen as they are */
            amountMinor: number | null;
            currency: string | null;
            points: number | null;
            couponCode: string | null;
            description: string | null;
            /** @enum {string} */
            status: "pending" | "approved" | "fulfilled" | "declined" | "reversed";
            statusReason: string | null;
            /** Format: date-time */
            createdAt: string;
            approvedAt: string | null;
            fulfilledAt: string | null;
            declinedAt: string | null;
            /** @description set while an approved reward's delivery has failed (failed) or another attempt was asked for (retrying); null otherwise */
            delivery: {
                /** @enum {string} */
                status: "failed" | "retrying";
                failure: string | null;
                failedAt: string | null;
                attempts: number | null;
                gaveUp: boolean;
            } | null;
        };
        AnalyticsInput: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            /** @description the IANA zone days are counted in (the workspace's) */
            timeZone: string;
            totals: {
                clicks: number;
                signUps: number;
                qualified: number;
                conversionRate: number;
                rewardsIssued: number;
            };
            leaderboard: {
                /** Format: uuid */
                referrerId: string;
                code: string;
                name: string | null;
                email: string | null;
                referralCount: number;
                convertedCount: number;
                clickCount: number;
            }[];
            sources: {
                source: string;
                signUps: number;
                qualified: number;
            }[];
            series: {
                /** Format: date */
                day: string;
                clicks: number;
                signUps: number;
                qualified: number;
                rewardsIssued: number;
            }[];
            /** @description link views (share sheet opened) → clicks → friends joined → converted */
            funnel: {
                /** @enum {string} */
                step: "linkViews" | "clicks" | "joined" | "converted";
                count: number;
                rateFromPrevious: number | null;
            }[];
            campaigns: {
                /** Format: uuid */
                campaignId: string;
                name: string;
                linkViews: number;
                clicks: number;
                joined: number;
                converted: number;
            }[];
            revenue: {
                stripeConnected: boolean;
                /** @description paid invoices of referred friends, per currency, in minor units */
                currencies: {
                    currency: string;
                    invoices: number;
                    paidMinor: number;
                    lostMinor: number;
                }[];
            };
            channels: {
                /** @enum {string} */
                channel: "sheet" | "copy" | "email" | "x" | "linkedin" | "whatsapp";
                shares: number;
            }[];
        };
        CreateCampaignBody: {
            name: string;
            /**
             * @description a starting point: both-sides (Give both sides a reward), milestones (Reward the referrer at milestones), commission (Commission on sales)
             * @enum {string}
             */
            template?: "both-sides" | "milestones" | "commission";
            /** @description omitted settings take the starting point’s values, then the defaults */
            settings?: components["schemas"]["CampaignSettingsInput"];
        };
        UpdateCampaignBody: {
            name?: string;
            /** @enum {string} */
            status?: "active" | "paused" | "archived";
            /** @description any subset of CampaignSettings: objects are merged key by key, arrays and maps replaced, then the whole is validated */
            settings?: {
                [key: string]: unknown;
            };
            /** @description the version you edited; if the campaign changed since, the save is refused with 409 (If-Match works too) */
            version?: number;
        };
        DuplicateCampaignBody: {
            /** @description default: "Copy of <name>" */
            name?: string;
        };
        ArchiveCampaignBody: {
            /** @description the version you edited; if the campaign changed since, the save is refused with 409 (If-Match works too) */
            version?: number;
        };
        RestoreCampaignBody: {
            /** @description the version you edited; if the campaign changed since, the save is refused with 409 (If-Match works too) */
            version?: number;
        };
        MakeDefaultCampaignBody: Record<string, never>;
        PreviewCampaignBody: {
            /** @description any subset of CampaignSettings: objects are merged key by key, arrays and maps replaced, then the whole is validated */
            settings?: {
                [key: string]: unknown;
            };
            /**
             * @default en
             * @enum {string}
             */
            locale: "en" | "es" | "fr" | "de" | "pt-BR";
        };
        CreateReferralBody: {
            /**
             * Format: uuid
             * @description default campaign when omitted
             */
            campaignId?: string;
            referrer: {
                code: string;
            } | {
                /** Format: uuid */
                referrerId: string;
            } | {
                person: {
                    /** Format: email */
                    email?: string;
                    name?: string;
                    contactId?: string;
                };
            };
            friend: {
                /** Format: email */
                email?: string;
                name?: string;
                contactId?: string;
            };
        };
        QualifyReferralBody: {
            reason?: string;
        };
        RejectReferralBody: {
            reason: string;
        };
        ApproveRewardBody: {
            reason?: string;
        };
        DeclineRewardBody: {
            reason: string;
        };
        FulfilRewardBody: {
            reason?: string;
        };
        BulkDecideReferralsBody: {
            /** @enum {string} */
            action: "qualify" | "reject";
            ids: string[];
            reason?: string;
        };
        BulkDecideRewardsBody: {
            /** @enum {string} */
            action: "approve" | "decline";
            ids: string[];
            reason?: string;
        };
        UploadCouponsBody: {
            /** Format: uuid */
            campaignId?: string;
            codes: string[];
        };
        StartSyncRunBody: {
            /** Format: uuid */
            campaignId?: string;
            /** @enum {string} */
            kind?: "full" | "incremental";
        };
        SetWorkspaceTimeZoneBody: {
            /** @description an IANA time zone name, e.g. Europe/Berlin, or UTC */
            timeZone: string;
        };
        ConnectStripeBody: {
            /** @description sk_live_…, sk_test_… or a restricted rk_ key */
            secretKey: string;
            /** @description the endpoint's signing secret, whsec_… */
            webhookSecret: string;
        };
        ErasePersonBody: {
            /**
             * Format: uuid
             * @description the ledger's id of the person
             */
            participantId?: string;
            /** @description their Intercom contact id */
            contactId?: string;
            /** @description their email address */
            email?: string;
            /** @description why (kept on the erasure event) */
            reason?: string;
        };
        CampaignSettings: {
            /**
             * Where a referral link leads
             * @description Your sign-up or landing page; the code is added to it. Empty: the friend’s landing page hosted by this app.
             * @default null
             */
            destinationUrl: string | null;
            /**
             * Where an unknown link leads
             * @description For a mistyped or retired code. Empty: the same page as above, without a code.
             * @default null
             */
            fallbackUrl: string | null;
            /**
             * Name of the code in the link
             * @description The code arrives on your page as ?ref=CODE. Default: ref.
             * @default ref
             */
            codeParam: string;
            /**
             * Style of new codes
             * @description Based on the person’s name (jane-k7p2) or random letters. Default: name.
             * @default name
             * @enum {string}
             */
            codeStyle: "name" | "random";
            /**
             * Friend’s landing page
             * @description The page a friend sees when “Where a referral link leads” is empty: who invited them, what they get and a sign-up button.
             * @default {
             *       "brandName": null,
             *       "colour": null,
             *       "logoUrl": null,
             *       "signUpUrl": null
             *     }
             */
            landing: {
                /**
                 * Your company name
                 * @description Shown at the top of the page. Empty: the workspace’s name in Intercom.
                 * @default null
                 */
                brandName: string | null;
                /**
                 * Brand colour
                 * @description The button colour, e.g. #1f5fbf. A colour too pale for readable text falls back to blue.
                 * @default null
                 */
                colour: string | null;
                /**
                 * Logo (web address of the image)
                 * @description A PNG, SVG or JPEG on https, shown about 40 px tall. Empty: your name in text.
                 * @default null
                 */
                logoUrl: string | null;
                /**
                 * Sign-up button leads to
                 * @description Where “Sign up” takes the friend; the code is added to it. Empty: no button, the page asks them to mention the code.
                 * @default null
                 */
                signUpUrl: string | null;
            };
            /**
             * Messenger card
             * @description What contacts see on the referral card in the Messenger.
             * @default {
             *       "headline": null,
             *       "showLink": true,
             *       "showCounts": true,
             *       "showRewards": true,
             *       "showShare": true,
             *       "showInvite": true,
             *       "rewardGoal": 3,
             *       "layout": "compact",
             *       "shareMessage": {
             *         "en": null,
             *         "es": null,
             *         "fr": null,
             *         "de": null,
             *         "pt": null
             *       },
             *       "showQr": false
             *     }
             */
            card: {
                /**
                 * Headline
                 * @description The title at the top of the card. Empty: the standard title, in the contact’s language.
                 * @default null
                 */
                headline: string | null;
                /**
                 * Show the referral link
                 * @description The contact’s personal link, ready to copy. On by default.
                 * @default true
                 */
                showLink: boolean;
                /**
                 * Show friends joined and qualified
                 * @description Two counters that show the referrer their progress. On by default.
                 * @default true
                 */
                showCounts: boolean;
                /**
                 * Show rewards and progress
                 * @description Rewards earned and how many referrals until the next one. On by default.
                 * @default true
                 */
                showRewards: boolean;
                /**
                 * Show share buttons
                 * @description Email, X, LinkedIn and WhatsApp buttons with the link filled in. On by default.
                 * @default true
                 */
                showShare: boolean;
                /**
                 * Show the invite form
                 * @description Lets the contact type a friend’s email to invite them. On by default.
                 * @default true
                 */
                showInvite: boolean;
                /**
                 * Referrals per reward (no longer used)
                 * @description The card’s progress now follows your reward rules: the next reward and how many friends away it is. Kept so saved campaigns load.
                 * @default 3
                 */
                rewardGoal: number;
                /**
                 * Card size
                 * @description Compact keeps the card to a few lines and opens sharing and the invite form on a tap; full shows every share button and the invite form on the card itself.
                 * @default compact
                 * @enum {string}
                 */
                layout: "compact" | "full";
                /**
                 * Share message
                 * @description What a shared link says, per language; {link} marks where the link goes. Empty: a standard message that names what the friend gets.
                 * @default {
                 *       "en": null,
                 *       "es": null,
                 *       "fr": null,
                 *       "de": null,
                 *       "pt": null
                 *     }
                 */
                shareMessage: {
                    /**
                     * English
                     * @description The message in English. Empty: the standard English message.
                     * @default null
                     */
                    en: string | null;
                    /**
                     * Spanish
                     * @description The message in Spanish. Empty: the standard Spanish message.
                     * @default null
                     */
                    es: string | null;
                    /**
                     * French
                     * @description The message in French. Empty: the standard French message.
                     * @default null
                     */
                    fr: string | null;
                    /**
                     * German
                     * @description The message in German. Empty: the standard German message.
                     * @default null
                     */
                    de: string | null;
                    /**
                     * Portuguese
                     * @description The message in Portuguese. Empty: the standard Portuguese message.
                     * @default null
                     */
                    pt: string | null;
                };
                /**
                 * Show a QR code on the card
                 * @description Adds a scannable code of the referral link to the card. The share sheet always has one.
                 * @default false
                 */
                showQr: boolean;
            };
            /**
             * Attributes written to Intercom
             * @description The contact attributes the app keeps up to date; empty switches one off.
             * @default {
             *       "referral_code": "referral_code",
             *       "referral_link": "referral_link",
             *       "referral_count": "referral_count",
             *       "referral_converted_count": "referral_converted_count",
             *       "referral_last_at": "referral_last_at",
             *       "referred_by_code": "referred_by_code",
             *       "referral_status": "referral_status"
             *     }
             */
            attributes: {
                /**
                 * Referral code
                 * @description The referrer's own code. Empty stops writing it.
                 * @default referral_code
                 */
                referral_code: string | null;
                /**
                 * Referral link
                 * @description The referrer's link to share. Empty stops writing it.
                 * @default referral_link
                 */
                referral_link: string | null;
                /**
                 * Friends referred
                 * @description How many friends signed up. Empty stops writing it.
                 * @default referral_count
                 */
                referral_count: string | null;
                /**
                 * Friends who qualified
                 * @description How many of those friends qualified. Empty stops writing it.
                 * @default referral_converted_count
                 */
                referral_converted_count: string | null;
                /**
                 * Last referral
                 * @description When the referrer last brought a friend.
                 * @default referral_last_at
                 */
                referral_last_at: string | null;
                /**
                 * Referred with code
                 * @description On the friend: the code they signed up with.
                 * @default referred_by_code
                 */
                referred_by_code: string | null;
                /**
                 * Friend’s referral status
                 * @description On the friend: pending, qualified or rejected.
                 * @default referral_status
                 */
                referral_status: string | null;
            };
            /**
             * When a friend qualifies
             * @description A referral counts (and earns rewards) when the friend’s attribute matches.
             * @default {
             *       "attribute": "role",
             *       "values": [
             *         "user"
             *       ],
             *       "initialValue": null
             *     }
             */
            qualification: {
                /**
                 * Attribute that qualifies a friend
                 * @description The friend’s contact attribute to watch. Default: role (a lead becoming a user qualifies).
                 * @default role
                 */
                attribute: string;
                /**
                 * Values that qualify
                 * @description The friend qualifies when the attribute takes one of these. Default: user.
                 * @default [
                 *       "user"
                 *     ]
                 */
                values: string[];
                /**
                 * Starting value for new friends
                 * @description Written on a friend the app creates, so a later change is seen. Empty writes nothing.
                 * @default null
                 */
                initialValue: string | null;
            };
            /**
             * Rewards
             * @description What referrers and friends get for qualified referrals.
             * @default {
             *       "rules": [],
             *       "manualApproval": false,
             *       "capPerReferrer": null,
             *       "fulfilmentWebhookUrl": null
             *     }
             */
            rewards: {
                /**
                 * Reward rules
                 * @description What is given when a friend qualifies. No rules: referrals are only counted.
                 * @default []
                 */
                rules: {
                    /**
                     * Rule id
                     * @description Identifies the rule so a reward is never issued twice; set by the dashboard.
                     */
                    id: string;
                    /**
                     * Who gets it
                     * @description The referrer, the friend they brought, or both. Default: the referrer.
                     * @default referrer
                     * @enum {string}
                     */
                    recipient: "referrer" | "friend" | "both";
                    /**
                     * What they get
                     * @description A fixed amount, points, a coupon from a pool, or a commission on a sale.
                     * @enum {string}
                     */
                    kind: "fixed" | "points" | "coupon" | "commission" | "payout";
                    /**
                     * Amount
                     * @description For a fixed reward: how much, e.g. 10.00. Stored in the currency's minor unit (cents; yen as they are).
                     * @default null
                     */
                    amountMinor: number | null;
                    /**
                     * Currency
                     * @description Three-letter code for a fixed or commission reward, e.g. USD or EUR.
                     * @default null
                     */
                    currency: ("AED" | "AFN" | "ALL" | "AMD" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD" | "BDT" | "BGN" | "BHD" | "BIF" | "BMD" | "BND" | "BOB" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD" | "CDF" | "CHF" | "CLP" | "CNY" | "COP" | "CRC" | "CUP" | "CVE" | "CZK" | "DJF" | "DKK" | "DOP" | "DZD" | "EGP" | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GNF" | "GTQ" | "GYD" | "HKD" | "HNL" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IQD" | "IRR" | "ISK" | "JMD" | "JOD" | "JPY" | "KES" | "KGS" | "KHR" | "KMF" | "KPW" | "KRW" | "KWD" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "LYD" | "MAD" | "MDL" | "MGA" | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MYR" | "MZN" | "NAD" | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "OMR" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "PYG" | "QAR" | "RON" | "RSD" | "RUB" | "RWF" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TND" | "TOP" | "TRY" | "TTD" | "TWD" | "TZS" | "UAH" | "UGX" | "USD" | "UYU" | "UZS" | "VES" | "VND" | "VUV" | "WST" | "XAF" | "XCD" | "XCG" | "XOF" | "XPF" | "YER" | "ZAR" | "ZMW" | "ZWG") | null;
                    /**
                     * Points
                     * @description For a points reward: how many points.
                     * @default null
                     */
                    points: number | null;
                    /**
                     * Coupon pool
                     * @description For a coupon reward: each reward takes the next unused code from this pool.
                     * @default null
                     */
                    couponPool: string | null;
                    /**
                     * Where the coupon codes come from
                     * @description Codes you paste or upload into a pool, or (with Stripe connected) a promotion code the app creates in Stripe for each reward.
                     * @default codes
                     */
                    couponSource: ("codes" | "stripe") | null;
                    /**
                     * Discount (%)
                     * @description For a coupon: how much it takes off, e.g. 20 for 20% off. Named on the card and share text; with Stripe, the coupon the app creates.
                     * @default null
                     */
                    percentOff: number | null;
                    /**
                     * Commission %
                     * @description For a commission: the share of the sale value, from 0 to 100.
                     * @default null
                     */
                    percent: number | null;
                    /**
                     * Sale value attribute
                     * @description For a commission: the friend’s attribute holding the sale amount.
                     * @default null
                     */
                    saleAttribute: string | null;
                    /**
                     * Paid out by
                     * @description For a gift card or cash: Tremendous, Tango Card or PayPal, once connected.
                     * @default null
                     */
                    payoutProvider: ("tremendous" | "tango_card" | "paypal") | null;
                    /**
                     * Gift card
                     * @description Tremendous product id or Tango Card item (utid). Empty with Tremendous: the recipient chooses.
                     * @default null
                     */
                    payoutProduct: string | null;
                    /**
                     * Gift card name
                     * @description How the card is named to the referrer, e.g. Amazon gift card.
                     * @default null
                     */
                    payoutProductName: string | null;
                    /**
                     * Delivered
                     * @description E-mailed by the provider, or as a link shown to the referrer.
                     * @default email
                     */
                    payoutDelivery: ("email" | "link") | null;
                    /**
                     * At which qualified referral
                     * @description Empty: every qualified referral. A number N: once, at the Nth (milestone).
                     * @default null
                     */
                    milestone: number | null;
                    /**
                     * At most per referrer
                     * @description The most times this rule rewards one referrer. Empty: no limit.
                     * @default null
                     */
                    cap: number | null;
                    /**
                     * Shown as
                     * @description How the reward is named to people, e.g. “$10 credit”. Empty uses the kind.
                     * @default null
                     */
                    description: string | null;
                }[];
                /**
                 * Review rewards before they are given
                 * @description Rewards wait in Reward review until someone approves them. Off by default.
                 * @default false
                 */
                manualApproval: boolean;
                /**
                 * Most rewards per referrer
                 * @description Across all rules, how many rewards one referrer can earn. Empty: no limit.
                 * @default null
                 */
                capPerReferrer: number | null;
                /**
                 * Send approved rewards to (web address)
                 * @description Your system receives each approved reward here, signed. Empty: nothing is sent.
                 * @default null
                 */
                fulfilmentWebhookUrl: string | null;
            };
            /**
             * Fraud protection
             * @description Referrals that look abusive are rejected or held for review.
             * @default {
             *       "blockDisposableDomains": true,
             *       "blocklist": [],
             *       "maxReferralsPerHour": 20
             *     }
             */
            fraud: {
                /**
                 * Refuse throw-away email addresses
                 * @description Friends with disposable addresses (mailinator and the like) are rejected. On.
                 * @default true
                 */
                blockDisposableDomains: boolean;
                /**
                 * Blocked emails and domains
                 * @description One per line, e.g. rival.com or jane@example.com. Empty blocks nobody.
                 * @default []
                 */
                blocklist: string[];
                /**
                 * Most referrals per referrer per hour
                 * @description More than this in an hour go to review as suspicious. Default: 20.
                 * @default 20
                 */
                maxReferralsPerHour: number;
            };
            /**
             * Contacts in Intercom
             * @description Which contacts the app creates in Intercom, and what it writes on them.
             * @default {
             *       "onReferrerJoin": "none",
             *       "onFriendReferred": "lead",
             *       "duplicatePolicy": "update",
             *       "referrerFields": {},
             *       "friendFields": {},
             *       "defaults": {}
             *     }
             */
            intercom: {
                /**
                 * When a referrer joins without an Intercom contact
                 * @description Create them in Intercom as a lead or a user. Default: create nothing.
                 * @default none
                 * @enum {string}
                 */
                onReferrerJoin: "none" | "lead" | "user";
                /**
                 * When a friend is invited
                 * @description Create the friend in Intercom as a lead or a user. Default: as a lead.
                 * @default lead
                 * @enum {string}
                 */
                onFriendReferred: "none" | "lead" | "user";
                /**
                 * When the contact already exists
                 * @description Update the existing contact with the fields below, or leave it. Default: update.
                 * @default update
                 * @enum {string}
                 */
                duplicatePolicy: "skip" | "update";
                /**
                 * Extra fields written on referrers
                 * @description Each row copies a referral fact into an Intercom attribute. Empty: none extra.
                 * @default {}
                 */
                referrerFields: {
                    [key: string]: string;
                };
                /**
                 * Extra fields written on friends
                 * @description Each row copies a referral fact into an Intercom attribute. Empty: none extra.
                 * @default {}
                 */
                friendFields: {
                    [key: string]: string;
                };
                /**
                 * Fixed values on contacts the app creates
                 * @description Each row sets an attribute to the same value on every new contact.
                 * @default {}
                 */
                defaults: {
                    [key: string]: string | number | boolean;
                };
            };
            /**
             * Import referrers from Intercom
             * @description Bring existing Intercom contacts in as referrers, once or on a schedule.
             * @default {
             *       "source": "users",
             *       "segmentId": null,
             *       "mode": "once",
             *       "enabled": false,
             *       "intervalMinutes": 60,
             *       "fieldMap": {
             *         "name": "name",
             *         "email": "email"
             *       }
             *     }
             */
            import: {
                /**
                 * Who to import
                 * @description Which Intercom contacts become referrers. Default: users.
                 * @default users
                 * @enum {string}
                 */
                source: "leads" | "users" | "all" | "segment";
                /**
                 * Segment
                 * @description When importing a segment: which one. Not used for the other choices.
                 * @default null
                 */
                segmentId: string | null;
                /**
                 * How often
                 * @description Import once, or keep importing new contacts on a schedule. Default: once.
                 * @default once
                 * @enum {string}
                 */
                mode: "once" | "ongoing";
                /**
                 * Import contacts from Intercom
                 * @description Turns the import on. Off by default: referrers join from the Messenger card.
                 * @default false
                 */
                enabled: boolean;
                /**
                 * Minutes between imports
                 * @description For ongoing imports: how long to wait between runs, 5 to 10,080. Default: 60.
                 * @default 60
                 */
                intervalMinutes: number;
                /**
                 * Fields to import
                 * @description Each row reads an Intercom attribute into a referrer field. Email is always read.
                 * @default {
                 *       "name": "name",
                 *       "email": "email"
                 *     }
                 */
                fieldMap: {
                    [key: string]: string;
                };
            };
            /**
             * Payments (Stripe)
             * @description How payments in your Stripe account qualify referrals and earn commissions.
             * @default {
             *       "qualifyOnFirstPayment": true,
             *       "minimumAmountMinor": null,
             *       "minimumCurrency": null,
             *       "excludeTrials": true,
             *       "commissionPercent": null,
             *       "commissionDuration": "months",
             *       "commissionMonths": 12,
             *       "holdDays": 14,
             *       "creditRewardsAs": "none"
             *     }
             */
            billing: {
                /**
                 * A first payment qualifies the referral
                 * @description Once Stripe is connected, the friend's first paid invoice counts as a conversion. Off: only the Intercom rule qualifies.
                 * @default true
                 */
                qualifyOnFirstPayment: boolean;
                /**
                 * Minimum first payment (in cents)
                 * @description A first invoice smaller than this, after tax and discounts, does not qualify. Empty: any amount.
                 * @default null
                 */
                minimumAmountMinor: number | null;
                /**
                 * Currency of the minimum payment
                 * @description Three letters, such as USD. Invoices in another currency do not qualify.
                 * @default null
                 */
                minimumCurrency: ("AED" | "AFN" | "ALL" | "AMD" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD" | "BDT" | "BGN" | "BHD" | "BIF" | "BMD" | "BND" | "BOB" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD" | "CDF" | "CHF" | "CLP" | "CNY" | "COP" | "CRC" | "CUP" | "CVE" | "CZK" | "DJF" | "DKK" | "DOP" | "DZD" | "EGP" | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GNF" | "GTQ" | "GYD" | "HKD" | "HNL" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IQD" | "IRR" | "ISK" | "JMD" | "JOD" | "JPY" | "KES" | "KGS" | "KHR" | "KMF" | "KPW" | "KRW" | "KWD" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "LYD" | "MAD" | "MDL" | "MGA" | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MYR" | "MZN" | "NAD" | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "OMR" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "PYG" | "QAR" | "RON" | "RSD" | "RUB" | "RWF" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TND" | "TOP" | "TRY" | "TTD" | "TWD" | "TZS" | "UAH" | "UGX" | "USD" | "UYU" | "UZS" | "VES" | "VND" | "VUV" | "WST" | "XAF" | "XCD" | "XCG" | "XOF" | "XPF" | "YER" | "ZAR" | "ZMW" | "ZWG") | null;
                /**
                 * Free trials do not count
                 * @description A $0 invoice (a trial starting) neither qualifies nor earns. Off: it qualifies.
                 * @default true
                 */
                excludeTrials: boolean;
                /**
                 * Commission on payments (%)
                 * @description The referrer earns this share of each of the friend's paid invoices, after tax and discounts. Empty: no commission.
                 * @default null
                 */
                commissionPercent: number | null;
                /**
                 * Pay commission on
                 * @description The first invoice only, invoices in the first months after the first payment, or every invoice.
                 * @default months
                 * @enum {string}
                 */
                commissionDuration: "first_invoice" | "months" | "forever";
                /**
                 * Months of commission
                 * @description With "first months": invoices paid this many months after the first payment earn.
                 * @default 12
                 */
                commissionMonths: number;
                /**
                 * Hold period (days)
                 * @description A reward earned from a payment waits this long before approval, so a refund can still cancel it.
                 * @default 14
                 */
                holdDays: number;
                /**
                 * Pay money rewards as Stripe credit
                 * @description Balance: credit on the recipient's Stripe customer. Promotion code: a one-off code. None: as today.
                 * @default none
                 * @enum {string}
                 */
                creditRewardsAs: "none" | "balance" | "promotion_code";
            };
            /**
             * Invitation limits
             * @description Protects friends' inboxes and your sending reputation from misuse of the invite form.
             * @default {
             *       "perReferrerPerDay": 10,
             *       "perWorkspacePerHour": 500,
             *       "reinviteAfterDays": 30
             *     }
             */
            invites: {
                /**
                 * Invitations per customer per day
                 * @description How many friends one customer can invite from the Messenger card in 24 hours. Default 10.
                 * @default 10
                 */
                perReferrerPerDay: number;
                /**
                 * Invitations per hour, all customers together
                 * @description A ceiling on invitations from the whole workspace in one hour, against abuse. Default 500.
                 * @default 500
                 */
                perWorkspacePerHour: number;
                /**
                 * Days before a friend can be invited again
                 * @description A friend invited by anyone is not invited again for this many days; 0 allows it at once. Default 30.
                 * @default 30
                 */
                reinviteAfterDays: number;
            };
        };
        Workspace: {
            id: string;
            name: string | null;
            region: string;
            /** @enum {string} */
            status: "local" | "active" | "disconnected" | "uninstalled";
        };
        Campaign: {
            /** Format: uuid */
            id: string;
            workspaceId: string;
            name: string;
            isDefault: boolean;
            /** @enum {string} */
            status: "active" | "paused" | "archived";
            settings: components["schemas"]["CampaignSettings"];
            /** @description bumped by every change; send it back (or If-Match) to refuse stale saves */
            version: number;
            /** Format: date-time */
            updatedAt: string;
        };
        Referrer: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            /** Format: uuid */
            participantId: string;
            contactId: string | null;
            email: string | null;
            name: string | null;
            code: string;
            source: string;
            referralCount: number;
            pendingCount: number;
            convertedCount: number;
            rejectedCount: number;
            clickCount: number;
            lastReferralAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        Referral: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            /** Format: uuid */
            referrerId: string;
            referrerCode: string | null;
            referrerEmail: string | null;
            /** Format: uuid */
            friendParticipantId: string;
            friendEmail: string | null;
            friendName: string | null;
            source: string;
            /** @enum {string} */
            status: "pending" | "qualified" | "rejected";
            statusReason: string | null;
            reviewReason: string | null;
            /** Format: date-time */
            createdAt: string;
            qualifiedAt: string | null;
            rejectedAt: string | null;
        };
        Reward: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            referralId: string | null;
            /** Format: uuid */
            participantId: string;
            /** @enum {string} */
            recipientRole: "referrer" | "friend";
            recipientEmail: string | null;
            recipientName: string | null;
            kind: string;
            /** @description money in the currency's ISO 4217 minor unit: cents, or yen as they are */
            amountMinor: number | null;
            currency: string | null;
            points: number | null;
            couponCode: string | null;
            description: string | null;
            /** @enum {string} */
            status: "pending" | "approved" | "fulfilled" | "declined" | "reversed";
            statusReason: string | null;
            /** Format: date-time */
            createdAt: string;
            approvedAt: string | null;
            fulfilledAt: string | null;
            declinedAt: string | null;
            /** @description set while an approved reward's delivery has failed (failed) or another attempt was asked for (retrying); null otherwise */
            delivery: {
                /** @enum {string} */
                status: "failed" | "retrying";
                failure: string | null;
                failedAt: string | null;
                attempts: number | null;
                gaveUp: boolean;
            } | null;
        };
        Analytics: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            /** @description the IANA zone days are counted in (the workspace's) */
            timeZone: string;
            totals: {
                clicks: number;
                signUps: number;
                qualified: number;
                conversionRate: number;
                rewardsIssued: number;
            };
            leaderboard: {
                /** Format: uuid */
                referrerId: string;
                code: string;
                name: string | null;
                email: string | null;
                referralCount: number;
                convertedCount: number;
                clickCount: number;
            }[];
            sources: {
                source: string;
                signUps: number;
                qualified: number;
            }[];
            series: {
                /** Format: date */
                day: string;
                clicks: number;
                signUps: number;
                qualified: number;
                rewardsIssued: number;
            }[];
            /** @description link views (share sheet opened) → clicks → friends joined → converted */
            funnel: {
                /** @enum {string} */
                step: "linkViews" | "clicks" | "joined" | "converted";
                count: number;
                rateFromPrevious: number | null;
            }[];
            campaigns: {
                /** Format: uuid */
                campaignId: string;
                name: string;
                linkViews: number;
                clicks: number;
                joined: number;
                converted: number;
            }[];
            revenue: {
                stripeConnected: boolean;
                /** @description paid invoices of referred friends, per currency, in minor units */
                currencies: {
                    currency: string;
                    invoices: number;
                    paidMinor: number;
                    lostMinor: number;
                }[];
            };
            channels: {
                /** @enum {string} */
                channel: "sheet" | "copy" | "email" | "x" | "linkedin" | "whatsapp";
                shares: number;
            }[];
        };
        Error: {
            error: {
                code: string;
                message: string;
                fields?: {
                    path: string;
                    message: string;
                }[];
                reference?: string;
            };
        };
        ListWorkspacesResponse: {
            items: components["schemas"]["Workspace"][];
        };
        ListCampaignsResponse: {
            items: components["schemas"]["Campaign"][];
        };
        PreviewCampaignResponse: {
            /** @description Canvas Kit components of the Messenger card */
            messenger: {
                [key: string]: unknown;
            }[];
            /** @description Canvas Kit components of the invite form */
            invite: {
                [key: string]: unknown;
            }[];
            /** @description Canvas Kit components of the Inbox panel */
            inbox: {
                [key: string]: unknown;
            }[];
            /** @description The share sheet's HTML page */
            sheet: string;
            /** @description The friend's landing page (HTML), used when no destination is set */
            landing: string;
            /** @description The message the share buttons carry */
            shareText: string;
        };
        PreviewCampaignPanelResponse: {
            /** @description An HTML fragment for the dashboard */
            html: string;
        };
        ListReferrersResponse: {
            items: components["schemas"]["Referrer"][];
            nextCursor: string | null;
        };
        ResendReferrerLinkResponse: {
            /** Format: date-time */
            sentAt: string;
            /**
             * Format: date-time
             * @description the link can be resent again from then (5 minutes later)
             */
            nextAllowedAt: string;
        };
        ListReferralsResponse: {
            items: components["schemas"]["Referral"][];
            nextCursor: string | null;
        };
        CreateReferralResponse: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            /** Format: uuid */
            referrerId: string;
            referrerCode: string | null;
            referrerEmail: string | null;
            /** Format: uuid */
            friendParticipantId: string;
            friendEmail: string | null;
            friendName: string | null;
            source: string;
            /** @enum {string} */
            status: "pending" | "qualified" | "rejected";
            statusReason: string | null;
            reviewReason: string | null;
            /** Format: date-time */
            createdAt: string;
            qualifiedAt: string | null;
            rejectedAt: string | null;
            created: boolean;
        };
        QualifyReferralResponse: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            /** Format: uuid */
            referrerId: string;
            referrerCode: string | null;
            referrerEmail: string | null;
            /** Format: uuid */
            friendParticipantId: string;
            friendEmail: string | null;
            friendName: string | null;
            source: string;
            /** @enum {string} */
            status: "pending" | "qualified" | "rejected";
            statusReason: string | null;
            reviewReason: string | null;
            /** Format: date-time */
            createdAt: string;
            qualifiedAt: string | null;
            rejectedAt: string | null;
            changed: boolean;
        };
        ListRewardsResponse: {
            items: components["schemas"]["Reward"][];
            nextCursor: string | null;
        };
        ApproveRewardResponse: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            referralId: string | null;
            /** Format: uuid */
            participantId: string;
            /** @enum {string} */
            recipientRole: "referrer" | "friend";
            recipientEmail: string | null;
            recipientName: string | null;
            kind: string;
            /** @description money in the currency's ISO 4217 minor unit: cents, or yen as they are */
            amountMinor: number | null;
            currency: string | null;
            points: number | null;
            couponCode: string | null;
            description: string | null;
            /** @enum {string} */
            status: "pending" | "approved" | "fulfilled" | "declined" | "reversed";
            statusReason: string | null;
            /** Format: date-time */
            createdAt: string;
            approvedAt: string | null;
            fulfilledAt: string | null;
            declinedAt: string | null;
            /** @description set while an approved reward's delivery has failed (failed) or another attempt was asked for (retrying); null otherwise */
            delivery: {
                /** @enum {string} */
                status: "failed" | "retrying";
                failure: string | null;
                failedAt: string | null;
                attempts: number | null;
                gaveUp: boolean;
            } | null;
            changed: boolean;
        };
        RetryRewardDeliveryResponse: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            referralId: string | null;
            /** Format: uuid */
            participantId: string;
            /** @enum {string} */
            recipientRole: "referrer" | "friend";
            recipientEmail: string | null;
            recipientName: string | null;
            kind: string;
            /** @description money in the currency's ISO 4217 minor unit: cents, or yen as they are */
            amountMinor: number | null;
            currency: string | null;
            points: number | null;
            couponCode: string | null;
            description: string | null;
            /** @enum {string} */
            status: "pending" | "approved" | "fulfilled" | "declined" | "reversed";
            statusReason: string | null;
            /** Format: date-time */
            createdAt: string;
            approvedAt: string | null;
            fulfilledAt: string | null;
            declinedAt: string | null;
            /** @description set while an approved reward's delivery has failed (failed) or another attempt was asked for (retrying); null otherwise */
            delivery: {
                /** @enum {string} */
                status: "failed" | "retrying";
                failure: string | null;
                failedAt: string | null;
                attempts: number | null;
                gaveUp: boolean;
            } | null;
            /**
             * @description requested: another attempt is queued; already_requested: one was asked for and has not finished; in_progress: an attempt is running now
             * @enum {string}
             */
            outcome: "requested" | "already_requested" | "in_progress";
        };
        BulkDecideReferralsResponse: {
            results: {
                id: string;
                /** @enum {string} */
                outcome: "done" | "skipped" | "not_found" | "refused";
                status: string | null;
                message: string | null;
            }[];
            summary: string;
        };
        ListCouponPoolsResponse: {
            items: components["schemas"]["GetCouponPoolResponse"][];
        };
        GetCouponPoolResponse: {
            pool: string;
            total: number;
            available: number;
            drawn: number;
        };
        UploadCouponsResponse: {
            added: number;
            skipped: number;
            status: components["schemas"]["GetCouponPoolResponse"];
        };
        ListSyncRunsResponse: {
            items: components["schemas"]["StartSyncRunResponse"][];
        };
        StartSyncRunResponse: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            campaignId: string;
            /** @enum {string} */
            kind: "full" | "incremental";
            /** @enum {string} */
            status: "running" | "succeeded" | "failed" | "cancelled";
            source: string;
            segmentId: string | null;
            since: string | null;
            pages: number;
            imported: number;
            skipped: number;
            error: string | null;
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            updatedAt: string;
            finishedAt: string | null;
            progress: {
                done: number;
                total: number | null;
                percent: number | null;
                ratePerSecond: number | null;
                etaSeconds: number | null;
            };
        };
        ListDeadLettersResponse: {
            items: {
                id: number;
                /** Format: uuid */
                participantId: string;
                contactId: string | null;
                statusCode: number | null;
                reason: string;
                attributes: {
                    [key: string]: unknown;
                };
                /** Format: date-time */
                failedAt: string;
            }[];
        };
        RetryDeadLetterResponse: {
            /** @constant */
            retried: true;
        };
        SetWorkspaceTimeZoneResponse: {
            timeZone: string;
            changed: boolean;
        };
        GetStripeConnectionResponse: {
            connected: boolean;
            /** @description mode and last four characters of the secret key */
            keyHint: string | null;
            accountId: string | null;
            accountName: string | null;
            livemode: boolean;
            verifiedAt: string | null;
            /** @description the URL to add as an endpoint in Stripe's dashboard */
            webhookUrl: string;
        };
        DisconnectStripeResponse: {
            disconnected: boolean;
        };
        ListUnmatchedBillingEventsResponse: {
            items: {
                /** Format: uuid */
                id: string;
                eventId: string;
                type: string;
                /** @enum {string} */
                status: "received" | "processed" | "unmatched" | "refused";
                outcome: string | null;
                customerId: string | null;
                email: string | null;
                referralId: string | null;
                amountMinor: number | null;
                currency: string | null;
                /** Format: date-time */
                occurredAt: string;
                /** Format: date-time */
                receivedAt: string;
            }[];
        };
        ListReferralBillingEventsResponse: {
            items: {
                /** Format: uuid */
                id: string;
                eventId: string;
                type: string;
                /** @enum {string} */
                status: "received" | "processed" | "unmatched" | "refused";
                outcome: string | null;
                customerId: string | null;
                email: string | null;
                referralId: string | null;
                amountMinor: number | null;
                currency: string | null;
                /** Format: date-time */
                occurredAt: string;
                /** Format: date-time */
                receivedAt: string;
            }[];
        };
        ErasePersonResponse: {
            /**
             * @description not_found: nobody by that identifier; what Intercom told about it was forgotten
             * @enum {string}
             */
            status: "erased" | "already_erased" | "not_found";
            participantId: string | null;
        };
        ExportPersonResponse: {
            /** @constant */
            format: "referrals-person-export/1";
            exportedAt: string;
            workspaceId: string;
            person: {
                [key: string]: unknown;
            };
            referrers: {
                [key: string]: unknown;
            }[];
            referralCodes: {
                [key: string]: unknown;
            }[];
            linkClicks: {
                [key: string]: unknown;
            }[];
            referralsMade: {
                [key: string]: unknown;
            }[];
            referralsReceived: {
                [key: string]: unknown;
            }[];
            rewards: {
                [key: string]: unknown;
            }[];
            contactSnapshots: {
                [key: string]: unknown;
            }[];
            webhookNotifications: {
                [key: string]: unknown;
            }[];
            pendingContactWrites: {
                [key: string]: unknown;
            }[];
            contactWriteDeadLetters: {
                [key: string]: unknown;
            }[];
            events: {
                [key: string]: unknown;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listWorkspaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListWorkspacesResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCampaigns: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListCampaignsResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCampaignBody"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                campaignId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                campaignId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCampaignBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The campaign changed since the version you sent (If-Match or version) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    duplicateCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                campaignId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DuplicateCampaignBody"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    archiveCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                campaignId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArchiveCampaignBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The campaign changed since the version you sent */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    restoreCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                campaignId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RestoreCampaignBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The campaign changed since the version you sent */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    makeDefaultCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                campaignId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MakeDefaultCampaignBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                campaignId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreviewCampaignBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewCampaignResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewCampaignPanel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                campaignId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreviewCampaignBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewCampaignPanelResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listReferrers: {
        parameters: {
            query?: {
                /** @description page size (1–200) */
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description part of an email, code or name */
                q?: string;
                campaignId?: string;
            };
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListReferrersResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReferrer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                referrerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Referrer"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resendReferrerLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                referrerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResendReferrerLinkResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the referrer cannot be reached: blocked, not an Intercom contact, or the workspace is not connected to Intercom */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listReferrals: {
        parameters: {
            query?: {
                /** @description page size (1–200) */
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                status?: "pending" | "qualified" | "rejected";
                referrerId?: string;
                campaignId?: string;
            };
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListReferralsResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createReferral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReferralBody"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateReferralResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReferral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                referralId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Referral"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    qualifyReferral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                referralId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QualifyReferralBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QualifyReferralResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rejectReferral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                referralId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectReferralBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QualifyReferralResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRewards: {
        parameters: {
            query?: {
                /** @description page size (1–200) */
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                status?: "pending" | "approved" | "fulfilled" | "declined" | "reversed";
            };
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListRewardsResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                rewardId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reward"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    approveReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                rewardId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveRewardBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApproveRewardResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    declineReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                rewardId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeclineRewardBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApproveRewardResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    fulfilReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                rewardId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FulfilRewardBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApproveRewardResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    retryRewardDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                rewardId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetryRewardDeliveryResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the reward is not an approved reward whose delivery failed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    bulkDecideReferrals: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkDecideReferralsBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkDecideReferralsResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    bulkDecideRewards: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkDecideRewardsBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkDecideReferralsResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCouponPools: {
        parameters: {
            query?: {
                campaignId?: string;
            };
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListCouponPoolsResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCouponPool: {
        parameters: {
            query?: {
                campaignId?: string;
            };
            header?: never;
            path: {
                workspaceId: string;
                pool: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetCouponPoolResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadCoupons: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                pool: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UploadCouponsBody"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadCouponsResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSyncRuns: {
        parameters: {
            query?: {
                campaignId?: string;
                limit?: number;
            };
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListSyncRunsResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startSyncRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartSyncRunBody"];
            };
        };
        responses: {
            /** @description OK */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartSyncRunResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSyncRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartSyncRunResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDeadLetters: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListDeadLettersResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    retryDeadLetter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                deadLetterId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetryDeadLetterResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAnalytics: {
        parameters: {
            query?: {
                /** @description whole days up to today, in the workspace's time zone */
                days?: number;
                /** @description first day (YYYY-MM-DD), with `to`; wins over `days` */
                from?: string;
                /** @description last day, included */
                to?: string;
                campaignId?: string;
            };
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Analytics"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setWorkspaceTimeZone: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetWorkspaceTimeZoneBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SetWorkspaceTimeZoneResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
                kind: "referrers" | "referrals" | "rewards" | "payouts" | "sync-runs";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK (streamed) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getStripeConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetStripeConnectionResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connectStripe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectStripeBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetStripeConnectionResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    disconnectStripe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DisconnectStripeResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUnmatchedBillingEvents: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListUnmatchedBillingEventsResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listReferralBillingEvents: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                workspaceId: string;
                referralId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListReferralBillingEventsResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    erasePerson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ErasePersonBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErasePersonResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportPerson: {
        parameters: {
            query?: {
                /** @description the ledger's id of the person */
                participantId?: string;
                /** @description their Intercom contact id */
                contactId?: string;
                /** @description their email address */
                email?: string;
            };
            header?: never;
            path: {
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportPersonResponse"];
                };
            };
            /** @description Invalid input; `fields` names each bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or wrong admin credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the caller’s workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
