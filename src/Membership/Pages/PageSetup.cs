using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Pages;

/// <summary>The pages a person sees: branding (checked at start-up) and the size limit of the forms they post.</summary>
public static class PageSetup
{
    public static IServiceCollection AddMembershipPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrandingOptions>().Bind(configuration.GetSection(BrandingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrandingOptions>, BrandingValidation>();
        return services;
    }

    /// <summary>Before authentication: OpenIddict reads /connect/* forms there.</summary>
    public static WebApplication UseFormSizeLimit(this WebApplication app)
    {
        app.UseMiddleware<FormSizeLimit>();
        return app;
    }

    private sealed class BrandingValidation : IValidateOptions<BrandingOptions>
    {
        public ValidateOptionsResult Validate(string? name, BrandingOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
