using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Baseline;

/// <summary>What the API's graph types compute from rows: global IDs, enum names, statuses, dates, cursors.</summary>
internal static class Graph
{
    private static readonly TimeZoneInfo Association = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    public static DateTime Today() => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Association).Date;

    /// <summary>The API's clock (AssociationCalendar.Now): UTC, whole milliseconds.</summary>
    public static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    /// <summary>Relay global ID: base64url of "Type:guid" without padding.</summary>
    public static string Id(string type, Guid id)
    {
        var raw = Encoding.UTF8.GetBytes($"{type}:{id:N}");
        return Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static Guid? ParseId(string type, string? id)
    {
        if (id is null)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(FromBase64Url(id));
        return text.StartsWith(type + ":", StringComparison.Ordinal) && Guid.TryParse(text.AsSpan(type.Length + 1), out var guid) ? guid : null;
    }

    public static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    /// <summary>Keyset cursor of the default member order: ["member:name:asc", last key, first key, number].</summary>
    public static string MemberCursor(MemberRow m)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new object[] { "member:name:asc", m.LastNameKey, m.FirstNameKey, m.Number });
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>GraphQL enum value of a C# enum name: FixedPeriod → FIXED_PERIOD.</summary>
    public static string Enum(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }

    public static string MemberNumber(long number) => "M-" + number.ToString("D6", CultureInfo.InvariantCulture);

    public static string Status(TermRow? term, DateTime? suspendedAt, DateTime today)
    {
        if (term?.CancelledAt is not null)
        {
            return "CANCELLED";
        }

        if (suspendedAt is not null)
        {
            return "SUSPENDED";
        }

        if (term?.ActivatedAt is null)
        {
            return "PENDING";
        }

        if (term.RefundedAt is not null)
        {
            return "LAPSED";
        }

        if (term.EndsOn is null || term.EndsOn >= today)
        {
            return "ACTIVE";
        }

        return term.GraceEndsOn >= today ? "GRACE" : "LAPSED";
    }

    public static string CertificateStatus(CertificateRow c, DateTime today) => c switch
    {
        { RevokedAt: not null } => "REVOKED",
        { ReplacedById: not null } => "REPLACED",
        { SuspendedAt: not null } => "SUSPENDED",
        { ExpiresOn: { } end } when end < today => "EXPIRED",
        _ => "ACTIVE",
    };

    public static void Date(Utf8JsonWriter json, string name, DateTime? date)
    {
        if (date is { } d)
        {
            json.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void Instant(Utf8JsonWriter json, string name, DateTime utc) =>
        json.WriteString(name, new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
