namespace Membership.Pages;

/// <summary>The pages' one style sheet, inline (the content security policy loads nothing else); the brand colour is a variable.</summary>
internal static class PageStyle
{
    public const string Css = """
        *{box-sizing:border-box}
        body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1b1f24;background:#f2f4f7}
        .brand{display:flex;align-items:center;gap:.75rem;padding:.85rem 1.25rem;background:var(--brand);color:#fff}
        .brand img{height:2.5rem;width:auto;max-width:40%;background:#fff;border-radius:4px;padding:2px}
        .brand-name{font-weight:600;font-size:1.05rem;line-height:1.3}
        main{max-width:31rem;margin:2rem auto 1rem;padding:1.5rem 1.5rem 1.75rem;background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
        @media (max-width:33rem){main{margin:0;border-radius:0;box-shadow:none;padding:1.25rem 1rem 1.5rem}}
        h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}
        .nowrap{white-space:nowrap}
        .lead{color:#414a55;margin:0 0 1.25rem}
        label{display:block;font-weight:600;margin:1rem 0 .3rem}
        input[type=email],input[type=password],input[type=text]{display:block;width:100%;padding:.65rem .75rem;font:inherit;color:inherit;background:#fff;border:1px solid #6b7280;border-radius:6px}
        input[aria-invalid=true]{border:2px solid #a40e26}
        .hint{color:#4b5563;font-size:.9rem;margin:.3rem 0 0}
        .actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
        button{font:inherit;font-weight:600;min-height:2.75rem;padding:.6rem 1.3rem;border-radius:6px;border:2px solid var(--brand);cursor:pointer}
        button.primary{background:var(--brand);color:#fff}
        button.secondary{background:#fff;color:var(--brand)}
        a.button{display:inline-block;font-weight:600;min-height:2.75rem;padding:.6rem 1.3rem;border-radius:6px;border:2px solid var(--brand);text-decoration:none}
        a.button.primary{background:var(--brand);color:#fff}
        .qr{width:12rem;max-width:100%;margin:1rem 0}.qr svg{display:block;width:100%;height:auto}
        ol.steps{padding-left:1.25rem}ol.steps li{margin:.35rem 0}
        ul.codes{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(8rem,1fr));gap:.4rem 1rem;font-size:1.05rem}
        a{color:var(--brand);text-underline-offset:.15em}
        :focus-visible{outline:3px solid #1b1f24;outline-offset:3px}
        button:focus-visible{box-shadow:0 0 0 2px #fff inset}
        .error{color:#8a0c21;background:#fdecee;border-left:4px solid #a40e26;padding:.75rem 1rem;border-radius:4px;margin:0 0 1rem}
        .notice{background:#eef3fa;border-left:4px solid var(--brand);padding:.75rem 1rem;border-radius:4px;margin:0 0 1rem}
        .more{margin-top:1.5rem;padding-top:1rem;border-top:1px solid #dde1e6}
        .more p{margin:.4rem 0}
        ul.scopes{padding-left:1.25rem;margin:.5rem 0 0}
        ul.scopes li{margin:.35rem 0}
        .who{font-size:.95rem;color:#414a55}
        details{margin-top:1.25rem;color:#414a55;font-size:.9rem}
        summary{cursor:pointer}
        code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;word-break:break-all}
        dl.facts{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.45rem 1rem;margin:1rem 0 0}
        dl.facts dt{font-weight:600;color:#414a55}
        dl.facts dd{margin:0;overflow-wrap:anywhere}
        @media (max-width:24rem){dl.facts{grid-template-columns:1fr;gap:.1rem}dl.facts dd{margin-bottom:.5rem}}
        .status{display:inline-block;font-weight:700;padding:.15rem .6rem;border-radius:999px;border:2px solid currentColor}
        .status-good{color:#0d5a2c;background:#e3f4e9}
        .status-bad{color:#8a0c21;background:#fdecee}
        .status-neutral{color:#5a4300;background:#fff4d6}
        footer{max-width:31rem;margin:0 auto 2rem;padding:0 1.5rem;color:#4b5563;font-size:.9rem}
        footer p{margin:.3rem 0}
        @media (max-width:33rem){footer{padding:1rem}}
        """;
}
