using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Membership.Infrastructure.Mail;

/// <summary>How the outbox sender hands a message over: SMTP in production, a folder in Development and Testing.</summary>
public interface IMailTransport
{
    /// <summary>Throws <see cref="MailRejectedException"/> when retrying cannot help; any other exception is retried.</summary>
    Task SendAsync(OutboxMail mail, CancellationToken ct);
}

/// <summary>The server refused the message for good (an unknown mailbox, an unparsable address): no further attempts.</summary>
public sealed class MailRejectedException(string message, Exception inner) : Exception(message, inner);

internal static class MailMime
{
    public static MimeMessage From(OutboxMail mail, MailOptions options)
    {
        MailboxAddress to;
        try
        {
            to = MailboxAddress.Parse(mail.Recipient);
        }
        catch (ParseException e)
        {
            throw new MailRejectedException("The recipient is not an e-mail address.", e);
        }

        var from = MailboxAddress.Parse(options.From);
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        var message = new MimeMessage { Subject = mail.Subject, Body = body.ToMessageBody(), Date = mail.CreatedAt };
        // The row's id as Message-Id: a message sent twice (a sender died after SMTP took it) reads as one to mail software.
        message.MessageId = $"{mail.Id:N}@{from.Domain}";
        message.From.Add(from);
        message.To.Add(to);
        return message;
    }
}

/// <summary>
/// Development and tests: each message becomes <c>outbox/&lt;created&gt;-&lt;id&gt;.eml</c> in the data folder (sending twice
/// rewrites the same file). Only Development also logs the text: it holds confirmation and reset links, which are credentials.
/// </summary>
internal sealed class FolderMailTransport(string folder, bool logText, IOptions<MailOptions> options, ILogger<FolderMailTransport> logger) : IMailTransport
{
    public async Task SendAsync(OutboxMail mail, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var name = $"{mail.CreatedAt:yyyyMMddHHmmssfff}-{mail.Id:N}.eml";
        using var message = MailMime.From(mail, options.Value);
        var temporary = Path.Combine(folder, name + ".tmp");
        await message.WriteToAsync(temporary, ct);
        File.Move(temporary, Path.Combine(folder, name), overwrite: true); // readers never see half a file
        if (logText)
        {
            logger.LogInformation("Mail to {To}: {Subject}\n{Text}", mail.Recipient, mail.Subject, mail.TextBody);
        }
        else
        {
            logger.LogInformation("Mail {Kind} written to the outbox folder as {File}", mail.Kind, name);
        }
    }
}

/// <summary>Production: SMTP with the settings of the <c>Mail</c> section, within <see cref="MailOptions.SmtpTimeoutSeconds"/>.</summary>
internal sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(OutboxMail mail, CancellationToken ct)
    {
        var settings = options.Value;
        using var message = MailMime.From(mail, settings);
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(settings.SmtpTimeoutSeconds).TotalMilliseconds };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.SmtpTimeoutSeconds));
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, settings.SmtpSecurity, deadline.Token);
        if (!string.IsNullOrEmpty(settings.SmtpUserName))
        {
            await client.AuthenticateAsync(settings.SmtpUserName, settings.SmtpPassword ?? string.Empty, deadline.Token);
        }

        try
        {
            await client.SendAsync(message, deadline.Token);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            throw new MailRejectedException($"The server refused the message: {(int)e.StatusCode} {e.Message}", e);
        }

        await QuitQuietlyAsync(client);
    }

    /// <summary>
    /// Once SendAsync returns, the server has the message: a QUIT that fails or hangs must not mark the mail failed (it
    /// would go out again), so it gets a short deadline of its own and its errors are dropped.
    /// </summary>
    private static async Task QuitQuietlyAsync(SmtpClient client)
    {
        using var quit = new CancellationTokenSource(QuitTimeout);
        try
        {
            await client.DisconnectAsync(quit: true, quit.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ServiceNotConnectedException or ProtocolException or SmtpCommandException
            or System.Net.Sockets.SocketException)
        {
            // Delivered all the same; the connection is closed by the client's disposal.
        }
    }

    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);
}
