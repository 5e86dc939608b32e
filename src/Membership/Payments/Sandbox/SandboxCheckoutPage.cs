using System.Text.Json.Nodes;
using Membership.Dues.Payments;
using Membership.Identity.Pages;
using Membership.Payments;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Membership.Payments.Sandbox;

/// <summary>
/// Development only: the sandbox's "Stripe Checkout" page. Pay or Fail makes the sandbox produce Stripe's events,
/// signed as Stripe signs them, and hands them to the same webhook handler Stripe's deliveries reach.
/// </summary>
internal static class SandboxCheckoutPage
{
    public static IEndpointRouteBuilder MapSandboxCheckout(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sandbox/checkout/{id}", async (string id, HttpContext http, StripeSandbox sandbox, IAntiforgery antiforgery) =>
        {
            var session = await sandbox.FindAsync(id, http.RequestAborted);
            if (session is null || (string?)session["object"] != "checkout.session")
            {
                return HtmlPage.Render(http, "Sandbox checkout", HtmlPage.Error("No such checkout."), StatusCodes.Status404NotFound);
            }

            var amount = Receipts.Money((long)session["amount_total"]!, ((string)session["currency"]!).ToUpperInvariant());
            var state = (string?)session["status"] == "open" ? string.Empty : HtmlPage.Error($"This checkout is {session["status"]}.");
            return HtmlPage.Render(http, "Sandbox checkout",
                $"<p class=\"note\">Local payment sandbox: no money moves. Development only.</p>{Purchase(session)}<p>Amount: <strong>{HtmlPage.Encode(amount)}</strong>"
                + $" ({HtmlPage.Encode((string?)session["mode"] == "subscription" ? "renews automatically" : "one payment")})</p>{state}"
                + HtmlPage.Form(http, antiforgery, $"/sandbox/checkout/{Uri.EscapeDataString(id)}", [],
                    "<button type=\"submit\" name=\"outcome\" value=\"pay\">Pay</button><button type=\"submit\" name=\"outcome\" value=\"fail\">Fail</button>"));
        });

        endpoints.MapPost("/sandbox/checkout/{id}", async (string id, HttpContext http, StripeSandbox sandbox, StripeWebhooks webhooks, StripeGateway stripe,
            IAntiforgery antiforgery, TimeProvider clock) =>
        {
            var paid = (await http.Request.ReadFormAsync())["outcome"] == "pay";
            var events = !await antiforgery.IsRequestValidAsync(http) || await sandbox.FindAsync(id, http.RequestAborted) is null ? []
                : paid ? await sandbox.PayAsync(id, onlyIfOpen: true, http.RequestAborted) : await sandbox.FailAsync(id, onlyIfOpen: true, http.RequestAborted);
            if (events.Count == 0)
            {
                return HtmlPage.Render(http, "Sandbox checkout", HtmlPage.Error("This checkout cannot be paid."), StatusCodes.Status400BadRequest);
            }

            var session = (JsonObject)events[0]["data"]!["object"]!;
            foreach (var stripeEvent in events)
            {
                var (body, signature) = StripeSandbox.Sign(stripeEvent, stripe.WebhookSecret, clock.GetUtcNow());
                await webhooks.HandleAsync(body, signature, http.RequestAborted);
            }

            var back = paid ? ((string?)session["success_url"])?.Replace("{CHECKOUT_SESSION_ID}", id, StringComparison.Ordinal) : (string?)session["cancel_url"];
            return back is null ? HtmlPage.Render(http, paid ? "Paid" : "Payment failed", "<p>Done.</p>") : Results.Redirect(back);
        }).DisableAntiforgery();
        return endpoints;
    }

    /// <summary>What is being bought: each line's name (the plan, or a ticket type), what it covers (the period, or the order) and how many.</summary>
    private static string Purchase(JsonObject session)
    {
        var currency = ((string)session["currency"]!).ToUpperInvariant();
        var items = (session["lines"]?.AsArray() ?? []).OfType<JsonObject>().Select(line =>
            $"<li>{HtmlPage.Encode((string?)line["name"])} × {(long)line["quantity"]!} at {HtmlPage.Encode(Receipts.Money((long)line["unit_amount"]!, currency))}"
            + ((string?)line["description"] is { Length: > 0 } description ? $" <span class=\"note\">({HtmlPage.Encode(description)})</span>" : string.Empty) + "</li>");
        return $"<p>You are paying for:</p><ul class=\"purchase\">{string.Concat(items)}</ul>";
    }
}
