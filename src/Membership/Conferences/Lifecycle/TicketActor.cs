namespace Membership.Conferences.Lifecycle;

/// <summary>Who acts on an order: staff, or the member who bought it (for an agency's block too).</summary>
public sealed record TicketActor(string Subject, Guid? MemberId, bool IsStaff)
{
    /// <summary>
    /// Staff, or the member who placed the order. An agency's block is managed by the officer who bought it: other
    /// members of the agency neither see nor change it (an attendee it names sees and transfers their own ticket).
    /// </summary>
    internal bool MayActOn(TicketOrder order) => IsStaff || (MemberId is { } self && order.BuyerMemberId == self);
}
