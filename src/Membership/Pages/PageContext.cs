using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Pages;

/// <summary>What every page of one request shares: the branding, and the anti-forgery token of its form.</summary>
public sealed class PageContext(HttpContext http, BrandingOptions brand)
{
    private AntiforgeryTokenSet? _tokens;

    public BrandingOptions Brand => brand;

    /// <summary>Issued on first use (it sets the anti-forgery cookie), so a page without a form sets none.</summary>
    public AntiforgeryTokenSet Antiforgery => _tokens ??= http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
}

/// <summary>A link a page offers as the way on or back.</summary>
public sealed record PageLink(string Text, string Href);
