// Every request the dashboard's pages make goes through here, so what each one must carry (the
// session cookie, a JSON body, an anti-forgery header) is decided in one place.

/** A field the server (or the shared schema, here) refused, and why, in words. */
export interface FieldProblem {
  readonly path: string
  readonly message: string
}

export interface ApiError {
  readonly code?: string
  readonly message: string
  readonly fields?: readonly FieldProblem[]
}

export interface ApiAnswer<T> {
  readonly ok: boolean
  readonly status: number
  readonly data: T | null
  /** The server's error, or one in words when the network failed or the answer was not JSON. */
  readonly error: ApiError
}

/** The session's anti-forgery token, from the page's meta tag. */
function csrfToken(): string {
  return document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? ''
}

/** Headers every request carries: the anti-forgery token, and the JSON type with a body. */
function requestHeaders(hasBody: boolean): Record<string, string> {
  return {
    'X-CSRF-Token': csrfToken(),
    ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
  }
}

export async function api<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  let response: Response
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: requestHeaders(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    return {
      ok: false,
      status: 0,
      data: null,
      error: { message: 'The server could not be reached. Check your connection and try again.' },
    }
  }
  const data = (await response.json().catch(() => null)) as (T & { error?: ApiError }) | null
  const error = data?.error ?? {
    message: response.ok
      ? ''
      : `The server answered with an error (${response.status}). Try again.`,
  }
  return { ok: response.ok, status: response.status, data, error }
}

/** The server's own words for a failure, or the fallback. */
export function messageOf(answer: ApiAnswer<unknown>, fallback: string): string {
  return answer.error.message || fallback
}
