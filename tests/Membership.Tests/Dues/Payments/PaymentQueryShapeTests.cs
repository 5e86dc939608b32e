using Membership.Data;
using Membership.Dues.Payments;
using Membership.GraphQL.Paging;
using Membership.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Dues.Payments;

/// <summary>
/// Staff's <c>duesPayments(memberId:)</c> on every provider: a member's payments come from the union of the payer index
/// and the lines' member index, as <c>me { duesPayments }</c>'s do, never from "payer OR a line" tested on every payment.
/// PostgreSQL's plan for the same page is in <see cref="DuesIndexPlanTests"/>.
/// </summary>
public sealed class PaymentQueryShapeTests
{
    public static TheoryData<DatabaseProvider> Providers => new(Enum.GetValues<DatabaseProvider>());

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_members_payments_page_is_the_union_of_two_index_lookups(DatabaseProvider provider)
    {
        using var db = ProviderModelTests.Context(provider);

        var sql = Page(db, new StaffPaymentFilter(null, null, null, null, null, null, null, Guid.CreateVersion7())).ToQueryString();

        // One equality on each index's leading column, the two lookups united before the page's order and limit.
        Assert.Matches($@"(?s){Column("PayerMemberId")}\s*(=|IN\b).*\bUNION\b.*{Column("MemberId")}\s*(=|IN\b)", sql);
        Assert.True(sql.IndexOf("UNION", StringComparison.Ordinal) < sql.LastIndexOf("ORDER BY", StringComparison.Ordinal), sql);
        Assert.DoesNotMatch(@"(?i)\bOR\s+EXISTS\b", sql);
        Assert.DoesNotMatch($@"{Column("PayerMemberId")}[^\n]*\bOR\b", sql);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Without_a_member_the_page_reads_the_payments_alone(DatabaseProvider provider)
    {
        using var db = ProviderModelTests.Context(provider);

        var sql = Page(db, new StaffPaymentFilter(null, null, null, null, null, Guid.CreateVersion7(), null, null)).ToQueryString();

        Assert.DoesNotMatch(@"(?i)\bUNION\b", sql);
        Assert.DoesNotMatch($@"{Column("PayerMemberId")}\s*=", sql);
    }

    internal static IQueryable<DuesPayment> Page(MembershipDbContext db, StaffPaymentFilter filter) =>
        KeysetPaging.PageQuery<DuesPayment>(db, (d, _) => filter.Apply(d), DuesPaymentGraph.NewestFirst, after: null, before: null, size: 50, backward: false, rowsOfPage: null);

    private static string Column(string name) => $@"[\[""]?\w+[\]""]?\.[\[""]?{name}[\]""]?";
}
