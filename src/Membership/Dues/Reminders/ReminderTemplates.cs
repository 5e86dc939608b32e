using System.Globalization;
using System.Text.RegularExpressions;
using Membership.GraphQL;

namespace Membership.Dues.Reminders;

/// <summary>What a reminder's subject and text may say: the placeholders, their check, and the default steps.</summary>
public static partial class ReminderTemplates
{
    public const int KeyMaxLength = 40;
    public const int SubjectMaxLength = 200;
    public const int TextMaxLength = 4000;

    /// <summary>The placeholders a template may use, and what each becomes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Placeholders = new Dictionary<string, string>
    {
        ["firstName"] = "the member's first name",
        ["lastName"] = "the member's last name",
        ["memberNumber"] = "the member number, e.g. M-000123",
        ["plan"] = "the plan's name",
        ["endsOn"] = "the term's last day, e.g. March 31, 2027",
        ["graceEndsOn"] = "the last day of grace",
        ["renewUrl"] = "where to renew (Reminders:RenewUrl)",
        ["association"] = "the association's name (Branding:Name)",
    };

    /// <summary>What a reminder is about: the values of the placeholders.</summary>
    public sealed record Values(string FirstName, string LastName, string MemberNumber, string Plan, DateOnly? EndsOn, DateOnly? GraceEndsOn, string RenewUrl, string Association);

    public static string Render(string template, Values v) => Placeholder().Replace(template, m => m.Groups[1].Value switch
    {
        "firstName" => v.FirstName,
        "lastName" => v.LastName,
        "memberNumber" => v.MemberNumber,
        "plan" => v.Plan,
        "endsOn" => Day(v.EndsOn),
        "graceEndsOn" => Day(v.GraceEndsOn),
        "renewUrl" => v.RenewUrl,
        "association" => v.Association,
        _ => m.Value, // refused when saved; the seeded texts use none
    });

    /// <summary>Required, within <paramref name="max"/> characters, and only known placeholders in braces.</summary>
    public static string Check(UserErrors errors, string? template, int max, params string[] field)
    {
        var text = errors.RequiredText(template, max, field);
        var unknown = Placeholder().Matches(text).Select(m => m.Groups[1].Value).Where(name => !Placeholders.ContainsKey(name)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            errors.Add(UserErrorCodes.UnknownPlaceholder,
                $"Unknown placeholder {string.Join(", ", unknown.Select(u => "{" + u + "}"))}; known: {string.Join(", ", Placeholders.Keys.Select(k => "{" + k + "}"))}.", field);
        }
        else if (Placeholder().Replace(text, string.Empty).IndexOfAny(['{', '}']) >= 0)
        {
            errors.Add(UserErrorCodes.UnknownPlaceholder, "A brace that is not part of a placeholder such as {firstName}.", field);
        }

        return text;
    }

    private static string Day(DateOnly? day) => day?.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture) ?? string.Empty;

    [GeneratedRegex(@"\{([^{}\s]*)\}")]
    private static partial Regex Placeholder();

    private static readonly DateTimeOffset Seeded = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The steps a new database starts with (seeded by the migration); staff edit them with updateRenewalReminderStep.</summary>
    public static readonly RenewalReminderStep[] DefaultSteps =
    [
        Step("0193a000-0000-7000-8000-000000000060", "before-60", ReminderAnchor.TermEnd, -60, "Your {association} membership ends on {endsOn}",
            "Hello {firstName},\n\nYour membership ({plan}, member {memberNumber}) runs until {endsOn}. Renew now and your next term starts the day after, so you lose no days:\n\n{renewUrl}\n\nThank you for your membership."),
        Step("0193a000-0000-7000-8000-000000000030", "before-30", ReminderAnchor.TermEnd, -30, "30 days left: renew your {association} membership",
            "Hello {firstName},\n\nYour membership ({plan}, member {memberNumber}) ends on {endsOn}, in 30 days. Renew here:\n\n{renewUrl}\n"),
        Step("0193a000-0000-7000-8000-000000000007", "before-7", ReminderAnchor.TermEnd, -7, "One week left: your membership ends on {endsOn}",
            "Hello {firstName},\n\nYour membership ({plan}, member {memberNumber}) ends in a week, on {endsOn}. Renew here:\n\n{renewUrl}\n"),
        Step("0193a000-0000-7000-8000-000000000001", "grace", ReminderAnchor.TermEnd, 1, "Your membership has ended: renew by {graceEndsOn}",
            "Hello {firstName},\n\nYour membership ({plan}, member {memberNumber}) ended on {endsOn}. You stay in good standing until {graceEndsOn}; renew before then:\n\n{renewUrl}\n"),
        Step("0193a000-0000-7000-8000-000000000100", "lapsed", ReminderAnchor.GraceEnd, 1, "Your {association} membership has lapsed",
            "Hello {firstName},\n\nYour membership ({plan}, member {memberNumber}) has lapsed: it ended on {endsOn} and its grace period on {graceEndsOn}. You can rejoin at any time:\n\n{renewUrl}\n"),
    ];

    private static RenewalReminderStep Step(string id, string key, ReminderAnchor anchor, int offset, string subject, string text) => new()
    {
        Id = Guid.Parse(id), Key = key, Anchor = anchor, OffsetDays = offset, Subject = subject, Text = text, IsActive = true, UpdatedAt = Seeded,
    };
}
