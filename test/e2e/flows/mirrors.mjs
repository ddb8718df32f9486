// Flows on mirrors: a docker.io mirror with two endpoints, reordered; a rewrite that
// changes the sample image's path; the * mirror on the v1.31.6 sample.
import {
  openHarness, mirrorCard, routeAttempts, expectSpec, readSpec, expectOtherFieldsUntouched, tab, routePreview, status, typeInto
} from '../lib/harness-page.mjs';
import { L, escapeRe } from '../lib/l10n.mjs';
import * as expect from '../lib/expect.mjs';

const A = 'https://mirror-a.example.com';
const B = 'https://mirror-b.example.com:5000';

async function addMirror(page, key) {
  await typeInto(tab(page).getByRole('textbox', { name: L('registryMirrors.mirrors.addLabel'), exact: true }), key);
  await tab(page).getByRole('button', { name: L('registryMirrors.mirrors.add'), exact: true }).click();
  await expect.visible(mirrorCard(page, key), `the card of mirror ${ key }`);

  return mirrorCard(page, key);
}

async function addEndpoint(card, url) {
  await typeInto(card.getByRole('textbox', { name: L('registryMirrors.endpoints.addLabel'), exact: true }), url);
  await card.getByRole('button', { name: L('registryMirrors.endpoints.add'), exact: true }).click();
}

function endpointBox(card, n) {
  return card.getByRole('textbox', { name: L('registryMirrors.endpoints.label', { n }), exact: true });
}

/** The row (list item) of endpoint n, found by its field's label. */
function endpointRow(card, n) {
  return card.getByRole('listitem').filter({ has: card.page().getByRole('textbox', { name: L('registryMirrors.endpoints.label', { n }), exact: true }) });
}

/**
 * The "move" button of endpoint n. Its accessible name is either "Move endpoint n up"
 * or "Move up" described by the row (both have been in the UI).
 */
function moveButton(card, n, dir) {
  const short = L(`registryMirrors.endpoints.move${ dir === 'up' ? 'Up' : 'Down' }`);
  const long = L(`registryMirrors.endpoints.move${ dir === 'up' ? 'Up' : 'Down' }Aria`, { n });

  return endpointRow(card, n).getByRole('button', { name: new RegExp(`^(${ escapeRe(short) }|${ escapeRe(long) })$`) });
}

async function expectRoute(page, expected, what) {
  await expect.poll(async() => {
    const got = (await routeAttempts(page)).map((a) => [a.host, a.kind]);

    expect.equal(got, expected, what);
  });
}

export default [
  {
    name: 'flow: add a docker.io mirror with two endpoints and reorder them',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'empty-new', mode: 'edit' });
      await expect.visible(tab(page).getByText(L('registryMirrors.mirrors.empty'), { exact: true }), 'the "no mirrors" text');
      expect.equal(await readSpec(page), { configs: {}, mirrors: {} }, 'registries of the new cluster sample');

      const card = await addMirror(page, 'docker.io');

      await addEndpoint(card, A);
      await addEndpoint(card, B);

      // what the admin sees
      await expect.value(endpointBox(card, 1), A, 'Endpoint 1');
      await expect.value(endpointBox(card, 2), B, 'Endpoint 2');
      await expect.text(card.locator('[data-testid="rm-endpoint-fallback"]'), L('registryMirrors.endpoints.fallback', { url: 'https://registry-1.docker.io/v2' }), 'fallback line');
      await expect.disabled(moveButton(card, 1, 'up'), 'Move endpoint 1 up');
      await expect.disabled(moveButton(card, 2, 'down'), 'Move endpoint 2 down');
      await expectRoute(page, [['mirror-a.example.com', 'mirror'], ['mirror-b.example.com:5000', 'mirror'], ['registry-1.docker.io', 'fallback']], 'route of nginx:1.27 before the move');
      // the resulting spec
      await expectSpec(page, (s) => expect.equal(s.mirrors, { 'docker.io': { endpoint: [A, B] } }, 'mirrors'));

      // reorder: endpoint 2 up
      await moveButton(card, 2, 'up').click();
      await expect.value(endpointBox(card, 1), B, 'Endpoint 1 after the move');
      await expect.value(endpointBox(card, 2), A, 'Endpoint 2 after the move');
      await expect.text(card.locator('[aria-live="polite"]').filter({ hasText: /\S/ }), L('registryMirrors.endpoints.moved', { n: 1 }), 'screen-reader announcement of the move');
      await expectRoute(page, [['mirror-b.example.com:5000', 'mirror'], ['mirror-a.example.com', 'mirror'], ['registry-1.docker.io', 'fallback']], 'route of nginx:1.27 after the move');
      await expectSpec(page, (s) => expect.equal(s.mirrors, { 'docker.io': { endpoint: [B, A] } }, 'mirrors after the move'));
      expect.equal((await readSpec(page)).configs, {}, 'configs');
      await expectOtherFieldsUntouched(page);
    },
  },

  {
    name: 'flow: add a rewrite and see the sample image\'s path change',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'empty-new', mode: 'edit' });
      const card = await addMirror(page, 'docker.io');

      await addEndpoint(card, 'https://mirror.example.com:5000');
      await expect.poll(async() => {
        const [mirror, fallback] = await routeAttempts(page);

        expect.equal([mirror?.repository, fallback?.repository], [
          L('registryMirrors.preview.repository', { repository: 'library/nginx' }),
          L('registryMirrors.preview.repository', { repository: 'library/nginx' }),
        ], 'repositories before the rewrite');
        expect.equal(mirror.url, 'https://mirror.example.com:5000/v2/library/nginx/manifests/1.27?ns=docker.io', 'mirror URL before the rewrite');
      });

      await typeInto(card.getByRole('textbox', { name: L('registryMirrors.rewrites.addPattern'), exact: true }), '^library/(.*)$');
      await typeInto(card.getByRole('textbox', { name: L('registryMirrors.rewrites.addReplacement'), exact: true }), 'dockerhub/library/$1');
      await card.getByRole('button', { name: L('registryMirrors.rewrites.add'), exact: true }).click();

      // the "try an image" line of the mirror and the row check
      await typeInto(card.getByRole('textbox', { name: L('registryMirrors.rewrites.tryLabel'), exact: true }), 'nginx:1.27');
      await expect.text(card.locator('[data-testid="rm-rewrite-try-result-docker.io"]'), L('registryMirrors.rewrites.becomes', { image: 'dockerhub/library/nginx:1.27' }), 'rewrite try result');
      await expect.text(card.locator('[data-testid="rm-rewrite-check-0"]'), L('registryMirrors.rewrites.rowMatches', { from: 'library/nginx', to: 'dockerhub/library/nginx' }), 'rewrite row check');

      // the route preview: the mirror gets the new path, the registry itself the original one
      await expect.poll(async() => {
        const [mirror, fallback] = await routeAttempts(page);

        expect.equal(mirror?.url, 'https://mirror.example.com:5000/v2/dockerhub/library/nginx/manifests/1.27?ns=docker.io', 'mirror URL after the rewrite');
        expect.equal(mirror.repository, L('registryMirrors.preview.repository', { repository: 'dockerhub/library/nginx' }), 'mirror repository');
        expect.ok(mirror.text.includes(L('registryMirrors.preview.rewritten', { pattern: '^library/(.*)$' })), `the mirror attempt names the rewrite: ${ mirror.text }`);
        expect.equal([fallback?.kind, fallback?.url], ['fallback', 'https://registry-1.docker.io/v2/library/nginx/manifests/1.27'], 'the registry itself is asked for the original path');
      });

      // an image the pattern does not match keeps its path
      await typeInto(routePreview(page).getByRole('textbox', { name: L('registryMirrors.preview.image'), exact: true }), 'bitnami/redis:7.4');
      await expect.poll(async() => {
        const [mirror] = await routeAttempts(page);

        expect.equal(mirror?.url, 'https://mirror.example.com:5000/v2/bitnami/redis/manifests/7.4?ns=docker.io', 'unmatched image on the mirror');
      });

      await expectSpec(page, (s) => expect.equal(s.mirrors, {
        'docker.io': { endpoint: ['https://mirror.example.com:5000'], rewrite: { '^library/(.*)$': 'dockerhub/library/$1' } },
      }, 'mirrors with the rewrite'));
      await expectOtherFieldsUntouched(page);
    },
  },

  {
    name: 'flow: a * mirror on the v1.31.6 sample shows the missing-fallback banner and route',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'airgap-rke2-v1.31.6', mode: 'edit' });
      const banner = tab(page).locator('[data-testid="rm-version-banner"]');
      const version = 'v1.31.6+rke2r1';

      await expect.attr(tab(page).locator('[data-testid="rm-version"]'), 'data-profile', 'containerd-2.0-wildcard-bug', 'release profile of the sample');
      // start without the sample's * mirror
      await tab(page).getByRole('button', { name: L('registryMirrors.mirrors.removeAria', { key: '*' }), exact: true }).click();
      await expect.count(mirrorCard(page, '*'), 0, 'the * card after removing it');
      await expect.hidden(banner, 'the wildcard banner without a * mirror');
      await expectSpec(page, (s) => expect.equal(s.mirrors, {}, 'mirrors after removing *'));

      // add it again: the quick button, then its endpoint
      await tab(page).getByRole('button', { name: L('registryMirrors.mirrors.quickAdd', { key: '*' }), exact: true }).click();
      const card = mirrorCard(page, '*');

      await expect.visible(card, 'the * card');
      await expect.hidden(banner, 'the wildcard banner while * has no endpoints');
      await addEndpoint(card, 'https://registry.example.com');

      await expect.visible(banner, 'the wildcard banner');
      await expect.text(banner, L('registryMirrors.version.wildcardTitle', { version }), 'banner title');
      // the body up to the list of fixed releases (the engine's constant)
      await expect.text(banner, L('registryMirrors.version.wildcardBody', { affected: L('registryMirrors.version.affected'), fixed: '\u0000' }).split('\u0000')[0].trim(), 'banner body');
      await expect.text(card.locator('[data-testid="rm-endpoint-fallback"]'), L('registryMirrors.endpoints.fallbackNone'), 'the * card says there is no fallback');
      await expect.visible(card.locator('[data-testid="rm-finding-WILDCARD_NO_FALLBACK"]'), 'the finding on the * card');
      expect.equal((await status(page)).status, 'warning', 'status banner');

      // the route: only the mirror, no fallback to docker.io
      await expectRoute(page, [['registry.example.com', 'mirror']], 'route of nginx:1.27');
      await expect.text(routePreview(page).locator('[data-testid="rm-route-workload"] [data-testid="rm-route-all-fail"]'), L('registryMirrors.preview.noFallback'), 'route says there is no fallback');

      await expectSpec(page, (s) => {
        expect.equal(s.mirrors, { '*': { endpoint: ['https://registry.example.com'] } }, 'mirrors');
        expect.equal(Object.keys(s.configs), ['registry.example.com'], 'configs kept');
      });
      await expectOtherFieldsUntouched(page);
    },
  },
];

export {
  addMirror, addEndpoint, endpointBox, endpointRow, moveButton, expectRoute
};
