using Membership.Data;
using Membership.Identity.Oidc;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Membership.Identity.Mail;

public sealed record MailMessage(string To, string Subject, string Text);

/// <summary>The one way the API sends mail.</summary>
public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken);
}

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
}

/// <summary>
/// Development and tests: each message is written to <c>outbox/</c> in the data folder as a .eml file. Only Development
/// also writes the text to the log: it holds confirmation and reset links, which are credentials.
/// </summary>
internal sealed class OutboxMailSender(string folder, bool logText, IOptions<MailOptions> options, ILogger<OutboxMailSender> logger, TimeProvider clock) : IMailSender
{
    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var mime = Mime(message, options.Value);
        var name = $"{clock.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml";
        await mime.WriteToAsync(Path.Combine(folder, name), cancellationToken);
        if (logText)
        {
            logger.LogInformation("Mail to {To}: {Subject}\n{Text}", message.To, message.Subject, message.Text);
        }
        else
        {
            logger.LogInformation("Mail {Subject} written to the outbox as {File}", message.Subject, name);
        }
    }

    internal static MimeMessage Mime(MailMessage message, MailOptions options)
    {
        var mime = new MimeMessage { Subject = message.Subject, Body = new TextPart("plain") { Text = message.Text } };
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        return mime;
    }
}

/// <summary>Production: SMTP with the settings of the <c>Mail</c> section.</summary>
internal sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, settings.SmtpSecurity, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUserName))
        {
            await client.AuthenticateAsync(settings.SmtpUserName, settings.SmtpPassword ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(OutboxMailSender.Mime(message, settings), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

internal static class MailSetup
{
    public static IServiceCollection AddMembershipMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<PublicLinks>();
        services.AddHttpContextAccessor();
        var smtp = configuration.GetSection(MailOptions.Section).Get<MailOptions>()?.SmtpHost;
        if (!string.IsNullOrWhiteSpace(smtp))
        {
            services.AddSingleton<IMailSender, SmtpMailSender>();
        }
        else
        {
            var folder = Path.Combine(DataDirectory.Resolve(configuration, environment.ContentRootPath), "outbox");
            // Outside Development and Testing the host refuses to start without SMTP (StartupChecks): no silent outbox.
            services.AddSingleton<IMailSender>(sp => new OutboxMailSender(folder, environment.IsDevelopment(), sp.GetRequiredService<IOptions<MailOptions>>(),
                sp.GetRequiredService<ILogger<OutboxMailSender>>(), sp.GetRequiredService<TimeProvider>()));
        }

        return services;
    }

    /// <summary>For tests and tools: the folder the outbox sender writes to.</summary>
    public static string OutboxFolder(IConfiguration configuration, string contentRoot) =>
        Path.Combine(DataDirectory.Resolve(configuration, contentRoot), "outbox");
}
