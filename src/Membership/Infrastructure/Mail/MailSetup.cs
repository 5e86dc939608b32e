using Membership.Data;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Infrastructure.Mail;

/// <summary>
/// The <c>Mail</c> configuration section. Without <see cref="SmtpHost"/> mail goes to the outbox folder, which only
/// Development and Testing allow.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "Membership <no-reply@example.org>";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUserName { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>StartTls on 587, SslOnConnect on 465, None only for a local relay.</summary>
    public SecureSocketOptions SmtpSecurity { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>One SMTP conversation (connect, send, quit) at most; the claim's lease is at least twice this.</summary>
    public int SmtpTimeoutSeconds { get; set; } = 30;

    /// <summary>How often each instance looks for due mail; 0 turns the background sender off.</summary>
    public int SendEverySeconds { get; set; } = 5;

    public int MaxAttempts { get; set; } = 12;
    public int RetryFirstSeconds { get; set; } = 30;
    public int RetryMaxMinutes { get; set; } = 60;

    /// <summary>How long a claimed message is the claiming sender's before another may take it.</summary>
    public int LeaseSeconds { get; set; } = 120;

    public int BatchSize { get; set; } = 50;

    /// <summary>Days a sent or given-up message stays in the outbox (for support questions) before it is deleted; 0 keeps it for ever.</summary>
    public int RetentionDays { get; set; } = 30;
}

/// <summary>
/// Every <see cref="MailOptions.SendEverySeconds"/>, sends the outbox's due mail, then deletes what is past retention
/// (at most hourly). Senders on several instances would not send a mail twice (each row is claimed on its own), so the
/// lease only keeps them from contending; a run that outlasts it (a slow SMTP server) may overlap another harmlessly.
/// </summary>
internal sealed class MailOutboxJob(IServiceProvider services, MailOutboxSender sender, MailRetention retention, IOptions<MailOptions> options)
    : LeasedPeriodicJob(services)
{
    protected override string Name => "mail-outbox";

    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.SendEverySeconds);

    /// <summary>As long as a claimed message stays the sender's.</summary>
    protected override TimeSpan LeaseDuration => TimeSpan.FromSeconds(Math.Max(options.Value.LeaseSeconds, 1));

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        await sender.SendDueAsync(cancellationToken);
        await retention.PruneIfDueAsync(cancellationToken);
    }
}

public static class MailSetup
{
    public static IServiceCollection AddMembershipMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<MailOutboxSender>();
        services.AddSingleton<MailRetention>();
        services.AddLeasedJob<MailOutboxJob>();
        var smtp = configuration.GetSection(MailOptions.Section).Get<MailOptions>()?.SmtpHost;
        if (!string.IsNullOrWhiteSpace(smtp))
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else
        {
            // Outside Development and Testing the host refuses to start without SMTP (StartupChecks): no silent folder.
            var folder = OutboxFolder(configuration, environment.ContentRootPath);
            services.AddSingleton<IMailTransport>(sp => new FolderMailTransport(folder, environment.IsDevelopment(),
                sp.GetRequiredService<IOptions<MailOptions>>(), sp.GetRequiredService<ILogger<FolderMailTransport>>()));
        }

        return services;
    }

    /// <summary>For tests and tools: the folder the Development and Testing transport writes to.</summary>
    public static string OutboxFolder(IConfiguration configuration, string contentRoot) =>
        Path.Combine(DataDirectory.Resolve(configuration, contentRoot), "outbox");
}
