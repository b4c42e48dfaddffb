import { isDemoWorkspace } from '../../../ledger/demo-workspace.js'
import type { Workspace } from '../../../ledger/types.js'
import { type Html, html } from './html.js'
import { listTable } from './list-table.js'

const STATUS_WORDS: Record<Workspace['status'], string> = {
  local: 'Not connected to Intercom',
  active: 'Connected',
  disconnected: 'Disconnected from Intercom',
  uninstalled: 'App removed from Intercom',
}

/** How to connect Intercom: the install button with OAuth, the private-app steps without it. */
function connectIntercom(oauth: boolean): Html {
  if (oauth)
    return html`<p>
        Install the app in your Intercom workspace. Intercom asks you to approve it, then brings you
        back here.
      </p>
      <p><a class="button" href="/intercom/install">Connect Intercom</a></p>`
  return html`<p>This server connects one Intercom workspace through a private app:</p>
    <ol class="steps-list">
      <li>
        In Intercom, open <strong>Settings → Integrations → Developer Hub</strong> and create a new
        app for your workspace.
      </li>
      <li>On the app's <strong>Authentication</strong> page, copy its access token.</li>
      <li>
        Give the token and your workspace's id (in the address of any Intercom page, after
        <code>/a/apps/</code>) to whoever runs this server. They add both to the server's
        configuration and restart it; the workspace then shows up here.
      </li>
    </ol>
    <p>
      <a href="https://developers.intercom.com/docs/build-an-integration/learn-more/authentication"
        >Intercom's guide to access tokens</a
      >
    </p>`
}

/** What an operator sees on a server with no workspace yet: two ways forward, never a blank table. */
export function welcomeBody(options: { oauth: boolean }): Html {
  return html`<p class="lead">
      Welcome. Nothing is set up on this server yet. Connect your Intercom workspace to start a
      referral program, or look around with sample data first.
    </p>
    <div class="choices">
      <section class="choice" aria-labelledby="connect-h">
        <h2 id="connect-h">Connect Intercom</h2>
        ${connectIntercom(options.oauth)}
      </section>
      <section class="choice" aria-labelledby="demo-h">
        <h2 id="demo-h">Explore with demo data</h2>
        <p>
          A demo workspace with sample referrers, referrals and rewards, clearly marked as a demo.
          Nothing is sent to Intercom, and you can remove it in one click.
        </p>
        <form method="post" action="/admin/demo-workspace" data-submit>
          <button type="submit">Explore with demo data</button>
        </form>
      </section>
    </div>`
}

/** The workspaces an operator may open; a demo one says so and can be removed from here. */
export function workspacesBody(
  workspaces: readonly Workspace[],
  options: { oauth: boolean },
): Html {
  const hasDemo = workspaces.some((w) => isDemoWorkspace(w.id))
  return html`${listTable({
    caption: 'Every workspace on this server',
    columns: ['Workspace', 'Status', 'Actions'],
    items: workspaces,
    row: (w) =>
      html`<tr>
        <th scope="row">
          <a href="/admin/w/${encodeURIComponent(w.id)}"
            >${w.name ?? 'Unnamed workspace'} <small>(${w.id})</small></a
          >
          ${isDemoWorkspace(w.id) ? html` <span class="badge demo">Demo</span>` : ''}
        </th>
        <td>${STATUS_WORDS[w.status]}</td>
        <td>
          ${
            isDemoWorkspace(w.id)
              ? html`<form
                  method="post"
                  action="/admin/demo-workspace/${encodeURIComponent(w.id)}/remove"
                  data-confirm="Remove the demo workspace and all of its sample data?"
                >
                  <button type="submit" class="secondary small">Remove demo data</button>
                </form>`
              : ''
          }
        </td>
      </tr>`,
  })}
  ${
    workspaces.every((w) => isDemoWorkspace(w.id))
      ? html`<section class="choice" aria-labelledby="connect-h">
          <h2 id="connect-h">Connect Intercom</h2>
          ${connectIntercom(options.oauth)}
        </section>`
      : ''
  }
  ${
    hasDemo
      ? ''
      : html`<form method="post" action="/admin/demo-workspace" data-submit>
          <button type="submit" class="secondary">Explore with demo data</button>
        </form>`
  }`
}

/** The banner on every page of a demo workspace. */
export function demoBanner(workspaceId: string): Html {
  return html`<div class="demo-banner" role="note">
    <strong>Demo workspace.</strong> Everything here is sample data; nothing reaches Intercom.
    <form
      method="post"
      action="/admin/demo-workspace/${encodeURIComponent(workspaceId)}/remove"
      data-confirm="Remove the demo workspace and all of its sample data?"
    >
      <button type="submit" class="secondary small">Remove demo data</button>
    </form>
  </div>`
}
