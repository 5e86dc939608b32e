using System.Data.Common;
using Membership.Agencies;
using Membership.Data;
using Membership.Dues;
using Membership.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Membership.Members.Import;

/// <summary>What an import did, or (in a dry run) would do; with row errors it wrote nothing.</summary>
public sealed record MemberImportResult(bool DryRun, int Rows, int Created, int Unchanged, IReadOnlyList<ImportRowError> RowErrors, bool Conflict = false)
{
    public bool Written => !DryRun && RowErrors.Count == 0 && !Conflict;
}

/// <summary>
/// importMembers: existing members with their numbers, agencies, plans and current terms, from a CSV. All or nothing;
/// a line whose number and e-mail address match a member is left as it is, so a second run of a file changes nothing.
/// </summary>
internal sealed class MemberImport(IDbContextFactory<MembershipDbContext> dbs, AssociationCalendar calendar, ILogger<MemberImport> logger)
{
    /// <summary>Most lines in one file; the upload limit (GraphQL:MaxUploadBytes) bounds it too.</summary>
    public const int MaxRows = 50_000;

    public async Task<MemberImportResult> RunAsync(Stream file, bool dryRun, CancellationToken ct)
    {
        var content = await MemberCsvReader.ReadAsync(file, MaxRows, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!dryRun)
        {
            await QueueBehindOtherImportsAsync(db, ct);
        }

        // Checked inside the transaction, after the lock: a real run sees what an import just before it wrote.
        var existing = await ImportLookups.LoadAsync(db, content.Rows, ct);
        var check = new MemberImportCheck(existing, calendar.Today(), calendar.Now());
        var errors = new List<ImportRowError>();
        var created = new List<MemberImportCheck.NewMember>();
        var unchanged = 0;
        foreach (var row in content.Rows)
        {
            switch (check.Check(row, errors))
            {
                case MemberImportCheck.NewMember member:
                    created.Add(member);
                    break;
                case MemberImportCheck.Unchanged:
                    unchanged++;
                    break;
            }
        }

        var result = new MemberImportResult(dryRun, content.Rows.Count, created.Count, unchanged, [.. content.Errors.Concat(errors).OrderBy(e => e.Line)]);
        if (result.Written && created.Count > 0)
        {
            try
            {
                await WriteAsync(db, created, ct);
                await transaction.CommitAsync(ct);
            }
            catch (Exception e) when (e is DbException or DbUpdateException && DbErrors.IsUniqueViolation(e as DbUpdateException ?? new DbUpdateException(string.Empty, e)))
            {
                // A change that does not queue behind imports (an e-mail address changed by updateMember) took a value first.
                result = result with { Created = 0, Conflict = true };
            }
        }

        // Counts only: the file's personal data never reaches the log.
        logger.LogInformation("Member import (dry run: {DryRun}): {Rows} lines, {Created} new, {Unchanged} unchanged, {Errors} errors",
            dryRun, result.Rows, result.Created, result.Unchanged, result.RowErrors.Count);
        return result;
    }

    /// <summary>
    /// Takes the member number sequence's row lock until commit. Registrations take it for their number, so two imports
    /// (or an import and a registration) run one after the other: the second sees the first's members and leaves them be.
    /// </summary>
    private static Task<int> QueueBehindOtherImportsAsync(MembershipDbContext db, CancellationToken ct) =>
        db.NumberSequences.Where(s => s.Name == MemberNumbers.SequenceName).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastValue, x => x.LastValue), ct);

    /// <summary>
    /// The members, then their terms, in multi-row inserts; then each member points at its term (the two rows point at
    /// each other), and the number sequence moves past the highest number imported, so registrations never reuse one.
    /// </summary>
    private static async Task WriteAsync(MembershipDbContext db, List<MemberImportCheck.NewMember> created, CancellationToken ct)
    {
        await db.InsertAsync(created.Select(c => c.Member).ToList(), ct);
        var terms = created.Where(c => c.Term is not null).Select(c => c.Term!).ToList();
        await db.InsertAsync(terms, ct);
        foreach (var chunk in terms.Select(t => t.MemberId).Chunk(5_000))
        {
            var ids = chunk.ToList();
            await db.Members.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(
                m => m.CurrentTermId, m => db.MembershipTerms.Where(t => t.MemberId == m.Id).Select(t => (Guid?)t.Id).FirstOrDefault()), ct);
        }

        var highest = created.Max(c => c.Member.Number);
        await db.NumberSequences.Where(s => s.Name == MemberNumbers.SequenceName && s.LastValue < highest)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastValue, highest), ct);
    }
}

/// <summary>What the database already holds that the file's lines are checked against, loaded in a few queries.</summary>
internal sealed record ImportLookups(
    HashSet<string> States,
    Dictionary<string, Guid> AgenciesByOri,
    Dictionary<string, MembershipPlan> PlansByCode,
    Dictionary<long, string> EmailsByNumber,
    Dictionary<string, long> NumbersByEmail)
{
    public static async Task<ImportLookups> LoadAsync(MembershipDbContext db, IReadOnlyList<CsvRow> rows, CancellationToken ct)
    {
        var oris = rows.Select(r => r[MemberCsv.AgencyOri]?.ToUpperInvariant()).OfType<string>().Distinct().ToList();
        var numbers = rows.Select(r => MemberNumbers.TryParse(r[MemberCsv.MemberNumber], out var n) ? n : 0).Where(n => n > 0).Distinct().ToList();
        var emails = rows.Select(r => r[MemberCsv.Email] is { } e ? MemberRules.NormalizeEmail(e) : null).OfType<string>().Distinct().ToList();
        var states = await AgencyMutations.StateCodesAsync(db, ct);
        var agencies = oris.Count == 0 ? [] : await db.Agencies.AsNoTracking().Where(a => a.OriCode != null && oris.Contains(a.OriCode))
            .ToDictionaryAsync(a => a.OriCode!.Trim(), a => a.Id, StringComparer.Ordinal, ct);
        var plans = await db.MembershipPlans.AsNoTracking().ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, ct);
        var byNumber = await db.Members.AsNoTracking().Where(m => numbers.Contains(m.Number))
            .ToDictionaryAsync(m => m.Number, m => m.EmailNormalized, ct);
        var byEmail = await db.Members.AsNoTracking().Where(m => emails.Contains(m.EmailNormalized))
            .ToDictionaryAsync(m => m.EmailNormalized, m => m.Number, StringComparer.Ordinal, ct);
        return new(states, agencies, plans, byNumber, byEmail);
    }
}
