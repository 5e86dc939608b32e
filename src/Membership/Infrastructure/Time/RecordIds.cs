namespace Membership.Infrastructure.Time;

/// <summary>
/// The primary key of every new row: a version 7 GUID, whose leading bits are the creation time, so on PostgreSQL and
/// SQLite new rows land at the end of the primary-key index instead of all over it. (SQL Server orders a
/// uniqueidentifier by its last six bytes, which are random in version 7: there the keys spread as random GUIDs do.)
/// The time in it is the machine's, not the association's clock: an ID orders rows, it says nothing about the
/// business's dates (those are the rows' own <c>CreatedAt</c> and the like, from <see cref="AssociationCalendar"/>).
/// </summary>
public static class RecordIds
{
    public static Guid New() => Guid.CreateVersion7();
}
