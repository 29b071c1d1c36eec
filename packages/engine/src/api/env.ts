import type { Locale } from '@zhili/schemas';
import type { Actor } from '../actor/actor.ts';
import type { Session } from '../auth/service.ts';
import type { Engine } from '../engine.ts';

/** The one hono environment of the API: what middleware puts on every request's context. */
export type AppEnv = {
  Variables: {
    /** Who is acting: the session's user. Not set on the public routes (see PUBLIC_ROUTES). */
    actor: Actor;
    /** The request's session. Not set on the public routes. */
    session: Session;
    /** Language of messages and of the texts /api/meta and /api/openapi.json resolve. */
    locale: Locale;
    /** The request's id, echoed in the X-Request-Id header and in the server log. */
    requestId: string;
    engine: Engine;
  };
};
