namespace Husly.Common;

/// <summary>Marks an entity whose rows are personal data about a resident (special category): only the audited path
/// (need-to-know plus access log, <c>Features/Casework/Access</c>) may read or write its table. The architecture test
/// finds the tables from this marker, so a new table of resident data is covered the day it is added.</summary>
public interface IResidentData;
