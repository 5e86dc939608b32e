using Microsoft.Extensions.DependencyInjection;

namespace Membership.ServiceDefaults;

/// <summary>Counts each message the registered mail transport hands over or fails to send (<c>membership.mail.messages</c>).</summary>
internal sealed class CountedMail(IMailTransport inner) : IMailTransport
{
    public async Task SendAsync(OutboxMail message, CancellationToken cancellationToken)
    {
        try
        {
            await inner.SendAsync(message, cancellationToken);
            MembershipTelemetry.Mails.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            MembershipTelemetry.Mails.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            throw;
        }
    }

    /// <summary>Wraps the mail sender registered so far, keeping its lifetime.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IMailTransport) && !d.IsKeyedService);
        if (registered is null)
        {
            return;
        }

        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(typeof(IMailTransport), sp => new CountedMail(Create(sp, registered)), registered.Lifetime));
    }

    private static IMailTransport Create(IServiceProvider services, ServiceDescriptor registered) => (IMailTransport)(
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));
}
