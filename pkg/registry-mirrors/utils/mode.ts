// The tab gets no `mode` prop: it reads the mode from the route like the page does.
//   create: route name ends with -create (also ?mode=clone)
//   edit:   ?mode=edit without ?as
//   view:   everything else (detail page, ?as=config, ?mode=view, no route at all)
import {
  _CREATE, _EDIT, _VIEW, _CONFIG, _CLONE
} from '@shell/config/query-params';

export type TabMode = 'create' | 'edit' | 'view';

interface RouteLike {
  name?: unknown;
  query?: Record<string, unknown>;
}

export function modeFromRoute(route: RouteLike | null | undefined): TabMode {
  if (!route) {
    return _VIEW as TabMode;
  }
  const query = route.query || {};
  const name = typeof route.name === 'string' ? route.name : '';

  if (query.as === _CONFIG) {
    return _VIEW as TabMode;
  }
  if (name.endsWith('-create') || query.mode === _CLONE) {
    return _CREATE as TabMode;
  }
  if (query.mode === _EDIT) {
    return _EDIT as TabMode;
  }

  return _VIEW as TabMode;
}
