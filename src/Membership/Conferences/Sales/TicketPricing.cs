namespace Membership.Conferences.Sales;

/// <summary>A ticket's price: member or non-member, early bird until its date, then the voucher's discount; never below zero.</summary>
public static class TicketPricing
{
    public static long Price(TicketType type, bool memberPrice, DateTimeOffset now, Voucher? voucher)
    {
        var earlyBird = type.EarlyBirdUntil is { } until && now <= until;
        var price = memberPrice
            ? (earlyBird ? type.EarlyBirdMemberPrice ?? type.MemberPrice : type.MemberPrice)
            : (earlyBird ? type.EarlyBirdNonMemberPrice ?? type.NonMemberPrice : type.NonMemberPrice);
        if (voucher is not null && voucher.TicketTypes.Any(t => t.TicketTypeId == type.Id))
        {
            price -= voucher.PercentOff is { } percent ? price * percent / 100 : voucher.AmountOff ?? 0;
        }

        return Math.Max(0, price);
    }
}
