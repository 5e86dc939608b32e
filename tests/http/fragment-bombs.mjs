#!/usr/bin/env node
// Sends the nested-fragment documents of issue 11 to a running endpoint, anonymously, and prints how each was
// answered and how long it took. Each must be refused with QUERY_TOO_COMPLEX, quickly: the cost rule prices a
// fragment once, whatever the number of spreads.
//
// Usage: node fragment-bombs.mjs URL        e.g. node fragment-bombs.mjs http://127.0.0.1:5080/graphql
// Exit code: 0 when every document is refused with QUERY_TOO_COMPLEX within 2 s, 1 otherwise, 2 on bad arguments.

const url = process.argv[2];
if (!url || process.argv.length > 3) {
  console.error('usage: node fragment-bombs.mjs URL');
  process.exit(2);
}

// query { <selection> }; F0 … F(levels-1) on <type> each spread the next <spreads> times; the last lists <leaf>.
function nested(spreads, levels, { selection = 'regions { ...F0 }', type = 'Region', leaf = 'number name', perInline } = {}) {
  let text = `query { ${selection} }`;
  for (let level = 0; level < levels; level++) {
    const spread = `...F${level + 1} `;
    const body = perInline
      ? `... on ${type} { ${spread.repeat(perInline)}} `.repeat(spreads / perInline)
      : spread.repeat(spreads);
    text += ` fragment F${level} on ${type} { ${body}}`;
  }
  return `${text} fragment F${levels} on ${type} { ${leaf} }`;
}

const documents = {
  '25 spreads x 5 levels': nested(25, 5),
  '40 spreads x 6 levels': nested(40, 6),
  'wide leaf fragment': nested(25, 4, { leaf: 'number name __typename states { code name region { number name states { code name } } }' }),
  'fragments on the Node interface': nested(25, 5, { selection: 'node(id: "QWdlbmN5OjE=") { ...F0 }', type: 'Node', leaf: 'id ... on Agency { name city }' }),
  'spreads inside inline fragments': nested(25, 5, { perInline: 5 }),
};

let failed = false;
for (const [name, query] of Object.entries(documents)) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = await response.json();
  const ms = Math.round(performance.now() - started);
  const codes = (body.errors ?? []).map((e) => e.extensions?.code).join(',');
  const ok = codes.includes('QUERY_TOO_COMPLEX') && ms < 2_000;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${query.length} characters, HTTP ${response.status} ${codes} in ${ms} ms`);
}
process.exit(failed ? 1 : 0);
