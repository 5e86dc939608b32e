using Membership.Dues.Payments;
using Membership.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Dues.Payments;

/// <summary>
/// PostgreSQL's plan for a member's payments (me { duesPayments }, member { duesPayments }, staff's duesPayments(memberId:)): the payments they paid and
/// the payments with a line for them are each an index lookup, not a test of "payer OR a line" on every payment.
/// </summary>
public sealed class DuesIndexPlanTests(PostgreSqlApi api) : ApiTest(api), IClassFixture<PostgreSqlApi>
{
    [SkippableFact]
    public async Task A_members_payments_are_the_union_of_the_payer_and_the_line_indexes()
    {
        await using var db = await Api.Db.CreateDbContextAsync();

        var plan = await QueryPlans.ExplainAsync(db, DuesLoaders.OfMembers(db, [Guid.CreateVersion7(), Guid.CreateVersion7()]).Include(p => p.Lines).OrderByDescending(p => p.CreatedAt),
            settings: "SET LOCAL enable_seqscan = off");

        Assert.Matches(@"(Index (Only )?Scan using|Bitmap Index Scan on) ""IX_DuesPayments_PayerMemberId_CreatedAt""[^\n]*\n\s*Index Cond: [^\n]*""PayerMemberId"" = ANY", plan);
        Assert.Matches(@"(Index (Only )?Scan using|Bitmap Index Scan on) ""IX_DuesPaymentLines_MemberId""[^\n]*\n\s*Index Cond: [^\n]*""MemberId"" = ANY", plan);
        // No filter that tests every payment for either condition (the plan of "payer = ANY(…) OR EXISTS(lines…)").
        Assert.DoesNotMatch(@"Filter: [^\n]*\bOR\b", plan);
        Assert.DoesNotContain("SubPlan", plan, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Staffs_page_of_a_members_payments_probes_the_same_two_indexes()
    {
        await using var db = await Api.Db.CreateDbContextAsync();

        var plan = await QueryPlans.ExplainAsync(db, PaymentQueryShapeTests.Page(db, new StaffPaymentFilter(null, null, null, null, null, null, null, Guid.CreateVersion7())),
            settings: "SET LOCAL enable_seqscan = off");

        Assert.Matches(@"(Index (Only )?Scan using|Bitmap Index Scan on) ""IX_DuesPayments_PayerMemberId_CreatedAt""[^\n]*\n\s*Index Cond: [^\n]*""PayerMemberId"" = ", plan);
        Assert.Matches(@"(Index (Only )?Scan using|Bitmap Index Scan on) ""IX_DuesPaymentLines_MemberId""[^\n]*\n\s*Index Cond: [^\n]*""MemberId"" = ", plan);
        Assert.DoesNotMatch(@"Filter: [^\n]*\bOR\b", plan);
    }
}
