// The API reference: rendered on the server from the same documents as GET /api/openapi.json
// and GET /api/asyncapi.json (no script, no assets from elsewhere). Public, like the documents.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { asyncApiDocument } from "@/shared/api/asyncapi";
import { openApiDocument } from "@/shared/api/openapi";
import { inlineParts, refName, schemaText } from "./schema-text";
import "./developers.css";

// biome-ignore lint/suspicious/noExplicitAny: the documents are plain JSON, read here by their known shape.
type Json = Record<string, any>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("developers");
  return { title: t("title") };
}

function Rich({ text }: { text: string }) {
  return (
    <>
      {inlineParts(text).map((part, i) => (part.kind === "code" ? <code key={i}>{part.text}</code> : part.kind === "strong" ? <strong key={i}>{part.text}</strong> : <span key={i}>{part.text}</span>))}
    </>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n+/).map((p, i) => (
        <p key={i}>
          <Rich text={p} />
        </p>
      ))}
    </>
  );
}

const anchor = (method: string, path: string) => `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-").replace(/-+$/, "");
const schemaOf = (content: Json | undefined) => (content ? (Object.values(content)[0] as Json | undefined)?.schema : undefined);

export default async function DevelopersPage() {
  const t = await getTranslations("developers");
  const openapi = openApiDocument() as Json;
  const asyncapi = asyncApiDocument() as Json;
  const operations = Object.entries(openapi.paths as Record<string, Record<string, Json>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags[0] as string))];
  const events = Object.values(asyncapi.operations as Record<string, Json>).map((op) => {
    const channelId = refName(op.channel.$ref);
    const channel = asyncapi.channels[channelId];
    const messageId = (name: string) => refName(channel.messages[name].$ref);
    const message = asyncapi.components.messages[messageId(channel.address)];
    return {
      action: op.action as string,
      name: channel.address as string,
      summary: op.summary as string,
      payload: message.payload,
      ack: op.reply ? asyncapi.components.messages[messageId("ack")].payload : undefined,
      extra: Boolean(message["x-socketio-extra-arguments"]),
    };
  });
  const schemas = { ...(openapi.components.schemas as Json), ...(asyncapi.components.schemas as Json) };

  return (
    <main id="main" className="dev-page" data-testid="developers">
      <header className="dev-header">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        <p className="dev-links">
          <a href="/api/openapi.json" className="button">
            {t("openapiLink")}
          </a>
          <a href="/api/asyncapi.json" className="button">
            {t("asyncapiLink")}
          </a>
        </p>
        <nav aria-label={t("contents")} className="dev-toc">
          <a href="#conventions">{t("conventions")}</a>
          <a href="#http">{t("http")}</a>
          <a href="#socket">{t("socket")}</a>
          <a href="#schemas">{t("schemas")}</a>
        </nav>
      </header>

      <section id="conventions" aria-labelledby="conventions-title">
        <h2 id="conventions-title">{t("conventions")}</h2>
        <Paragraphs text={openapi.info.description} />
        <Paragraphs text={asyncapi.info.description} />
      </section>

      <section id="http" aria-labelledby="http-title">
        <h2 id="http-title">{t("http")}</h2>
        {tags.map((tag) => (
          <section key={tag} aria-labelledby={`tag-${tag}`}>
            <h3 id={`tag-${tag}`} className="dev-tag">
              {tag}
            </h3>
            {operations
              .filter((o) => o.op.tags[0] === tag)
              .map(({ path, method, op }) => {
                const params = (op.parameters as Json[]) ?? [];
                const body = schemaOf(op.requestBody?.content);
                const bodyType = op.requestBody ? Object.keys(op.requestBody.content)[0] : undefined;
                const responses = Object.entries(op.responses as Record<string, Json>);
                const [okStatus, ok] = responses[0];
                const limit = op["x-murmur-rate-limit"] as Json | undefined;
                return (
                  <details key={`${method} ${path}`} id={anchor(method, path)} className="dev-op">
                    <summary>
                      <span className={`dev-method dev-method-${method.toLowerCase()}`}>{method}</span>
                      <code className="dev-path">{path}</code>
                      <span className="dev-summary">{op.summary}</span>
                      <span className="dev-auth">{op.security?.length ? t("login") : t("public")}</span>
                    </summary>
                    <div className="dev-op-body">
                      {params.length > 0 && (
                        <>
                          <h4>{t("parameters")}</h4>
                          <div className="dev-table-wrap">
                            <table>
                              <thead>
                                <tr>
                                  <th scope="col">{t("parameter")}</th>
                                  <th scope="col">{t("where")}</th>
                                  <th scope="col">{t("type")}</th>
                                </tr>
                              </thead>
                              <tbody>
                                {params.map((p) => (
                                  <tr key={`${p.in}-${p.name}`}>
                                    <td>
                                      <code>{p.name}</code> <span className="dev-muted">{p.required ? t("required") : t("optional")}</span>
                                    </td>
                                    <td>{p.in}</td>
                                    <td>
                                      <code>{schemaText(p.schema)}</code>
                                      {p.description && (
                                        <span className="dev-muted">
                                          {" "}
                                          <Rich text={p.description} />
                                        </span>
                                      )}
                                    </td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          </div>
                        </>
                      )}
                      {op.requestBody && (
                        <>
                          <h4>
                            {t("body")} <span className="dev-muted">{bodyType}</span>
                          </h4>
                          <pre>{schemaText(body)}</pre>
                        </>
                      )}
                      <h4>
                        {t("answer")} {okStatus}
                      </h4>
                      <p>
                        <Rich text={ok.description} />
                      </p>
                      {schemaOf(ok.content) && <pre>{schemaText(schemaOf(ok.content))}</pre>}
                      {limit && <p className="dev-muted">{t("rateLimit", { name: limit.name, limit: limit.limit, seconds: limit.windowSeconds })}</p>}
                      {op["x-murmur-paging"] && <p className="dev-muted">{t("paging", { kind: op["x-murmur-paging"] })}</p>}
                      {responses.length > 1 && (
                        <>
                          <h4>{t("errors")}</h4>
                          <ul className="dev-errors">
                            {responses.slice(1).map(([status, r]) => (
                              <li key={status}>
                                <strong>{status}</strong> {r.description}
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </div>
                  </details>
                );
              })}
          </section>
        ))}
      </section>

      <section id="socket" aria-labelledby="socket-title">
        <h2 id="socket-title">{t("socket")}</h2>
        {(["send", "receive"] as const).map((action) => (
          <section key={action} aria-labelledby={`events-${action}`}>
            <h3 id={`events-${action}`} className="dev-tag">
              {action === "send" ? t("clientEvents") : t("serverEvents")}
            </h3>
            {events
              .filter((e) => e.action === action)
              .map((e) => (
                <details key={`${action}-${e.name}`} id={`event-${action}-${e.name.replace(/:/g, "-")}`} className="dev-op">
                  <summary>
                    <span className={`dev-method dev-method-${action}`}>{action === "send" ? "emit" : "on"}</span>
                    <code className="dev-path">{e.name}</code>
                    <span className="dev-summary">{e.summary}</span>
                  </summary>
                  <div className="dev-op-body">
                    <h4>{t("payload")}</h4>
                    <pre>{schemaText(e.payload)}</pre>
                    {e.ack && (
                      <>
                        <h4>{t("ack")}</h4>
                        <pre>{schemaText(e.ack)}</pre>
                      </>
                    )}
                    {e.extra && <p className="dev-muted">{t("extraArgument")}</p>}
                  </div>
                </details>
              ))}
          </section>
        ))}
      </section>

      <section id="schemas" aria-labelledby="schemas-title">
        <h2 id="schemas-title">{t("schemas")}</h2>
        {Object.entries(schemas).map(([name, schema]) => (
          <div key={name} id={`schema-${name}`} className="dev-schema">
            <h3>
              <code>{name}</code>
            </h3>
            {(schema as Json).description && (
              <p className="dev-muted">
                <Rich text={(schema as Json).description} />
              </p>
            )}
            <pre>{schemaText(schema)}</pre>
          </div>
        ))}
      </section>
    </main>
  );
}
