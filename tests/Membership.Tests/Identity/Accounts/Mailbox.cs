using System.Text.RegularExpressions;
using MimeKit;

namespace Membership.Tests.Identity.Accounts;

/// <summary>A message as the recipient reads it.</summary>
public sealed record ReceivedMail(string Subject, string Text)
{
    /// <summary>The one link in the text, whole: tests of where links point look at its scheme and host.</summary>
    public Uri LinkUri
    {
        get
        {
            var links = Regex.Matches(Text, @"https?://\S+");
            Assert.True(links.Count == 1, $"expected one link in: {Text}");
            return new Uri(links[0].Value);
        }
    }

    /// <summary>The one link in the text, as path and query (the test host answers any host name).</summary>
    public string Link => LinkUri.PathAndQuery;

    public static ReceivedMail From(MimeMessage message) => new(message.Subject ?? string.Empty, message.TextBody ?? string.Empty);
}

/// <summary>The Testing transport's folder as an inbox: what was sent to one address (run the sender first: <c>ApiFixture.MailsToAsync</c>).</summary>
public static class Mailbox
{
    public static IReadOnlyList<ReceivedMail> Read(string outbox, string address)
    {
        if (!Directory.Exists(outbox))
        {
            return [];
        }

        var mails = new List<ReceivedMail>();
        foreach (var file in Directory.EnumerateFiles(outbox, "*.eml").Order(StringComparer.Ordinal))
        {
            using var message = MimeMessage.Load(file);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
            {
                mails.Add(ReceivedMail.From(message));
            }
        }

        return mails;
    }
}
