namespace Membership.Dues.Reminders;

/// <summary>The <c>Reminders</c> configuration section: the renewal reminder job.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>How often the job looks for due reminders (one instance at a time); 0 turns the timer off (tests run it themselves).</summary>
    public int RunEveryMinutes { get; set; } = 60;

    /// <summary>
    /// How many days after its day a step is still sent when the job missed it (it was down): a reminder a week late
    /// still helps, a "60 days before" reminder in the last week does not (the latest due step is sent instead).
    /// </summary>
    public int MaxDaysLate { get; set; } = 7;

    /// <summary>Terms read per query.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The front end's renewal page, the <c>{renewUrl}</c> of the texts; empty: the texts say "sign in to renew".</summary>
    public string? RenewUrl { get; set; }

    /// <summary>What is wrong with the settings, one sentence each.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxDaysLate is < 0 or > 60)
        {
            yield return "Reminders:MaxDaysLate must be between 0 and 60.";
        }

        if (BatchSize is < 1 or > 5000)
        {
            yield return "Reminders:BatchSize must be between 1 and 5000.";
        }

        if (!string.IsNullOrWhiteSpace(RenewUrl) && !(Uri.TryCreate(RenewUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
        {
            yield return "Reminders:RenewUrl must be an absolute http(s) URL.";
        }
    }
}
