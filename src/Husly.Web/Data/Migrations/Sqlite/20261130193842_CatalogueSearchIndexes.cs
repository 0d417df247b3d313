using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CatalogueSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "SearchKey",
                table: "Solutions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Existing rows get their keys before the unique index is made.
            migrationBuilder.Sql("UPDATE Solutions SET SearchKey = abs(random() % 9000000000000000000) + 1;");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Facets",
                table: "Solutions",
                columns: new[] { "State", "MunicipalityNumber", "OrganisationForm", "Category", "Phase" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_IdFacets",
                table: "Solutions",
                columns: new[] { "Id", "State", "MunicipalityNumber", "OrganisationForm", "Category", "Phase", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_SearchKey_Id",
                table: "Solutions",
                columns: new[] { "SearchKey", "Id" },
                unique: true);

            // The FTS5 table again, as an external-content index keyed by SearchKey: a match then yields integer rowids
            // from the index alone instead of reading each matching row's stored text (ADR 13).
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS SolutionSearchInsert; DROP TRIGGER IF EXISTS SolutionSearchUpdate;
                DROP TRIGGER IF EXISTS SolutionSearchDelete; DROP TABLE IF EXISTS SolutionSearch;
                CREATE VIRTUAL TABLE SolutionSearch USING fts5(StemsTitle, StemsBody, content = 'Solutions', content_rowid = 'SearchKey',
                    tokenize = 'unicode61 remove_diacritics 0');
                CREATE TRIGGER SolutionSearchInsert AFTER INSERT ON Solutions BEGIN
                    INSERT INTO SolutionSearch(rowid, StemsTitle, StemsBody) VALUES (new.SearchKey, new.StemsTitle, new.StemsBody);
                END;
                CREATE TRIGGER SolutionSearchUpdate AFTER UPDATE OF StemsTitle, StemsBody, SearchKey ON Solutions BEGIN
                    INSERT INTO SolutionSearch(SolutionSearch, rowid, StemsTitle, StemsBody) VALUES ('delete', old.SearchKey, old.StemsTitle, old.StemsBody);
                    INSERT INTO SolutionSearch(rowid, StemsTitle, StemsBody) VALUES (new.SearchKey, new.StemsTitle, new.StemsBody);
                END;
                CREATE TRIGGER SolutionSearchDelete AFTER DELETE ON Solutions BEGIN
                    INSERT INTO SolutionSearch(SolutionSearch, rowid, StemsTitle, StemsBody) VALUES ('delete', old.SearchKey, old.StemsTitle, old.StemsBody);
                END;
                INSERT INTO SolutionSearch(SolutionSearch) VALUES ('rebuild');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS SolutionSearchInsert; DROP TRIGGER IF EXISTS SolutionSearchUpdate;
                DROP TRIGGER IF EXISTS SolutionSearchDelete; DROP TABLE IF EXISTS SolutionSearch;
                CREATE VIRTUAL TABLE SolutionSearch USING fts5(SolutionId UNINDEXED, Title, Body, tokenize = 'unicode61 remove_diacritics 0');
                CREATE TRIGGER SolutionSearchInsert AFTER INSERT ON Solutions BEGIN
                    INSERT INTO SolutionSearch(SolutionId, Title, Body) VALUES (new.Id, new.StemsTitle, new.StemsBody);
                END;
                CREATE TRIGGER SolutionSearchUpdate AFTER UPDATE OF StemsTitle, StemsBody ON Solutions BEGIN
                    DELETE FROM SolutionSearch WHERE SolutionId = old.Id;
                    INSERT INTO SolutionSearch(SolutionId, Title, Body) VALUES (new.Id, new.StemsTitle, new.StemsBody);
                END;
                CREATE TRIGGER SolutionSearchDelete AFTER DELETE ON Solutions BEGIN
                    DELETE FROM SolutionSearch WHERE SolutionId = old.Id;
                END;
                INSERT INTO SolutionSearch(SolutionId, Title, Body) SELECT Id, StemsTitle, StemsBody FROM Solutions;
                """);

            migrationBuilder.DropIndex(
                name: "IX_Solutions_Facets",
                table: "Solutions");

            migrationBuilder.DropIndex(
                name: "IX_Solutions_IdFacets",
                table: "Solutions");

            migrationBuilder.DropIndex(
                name: "IX_Solutions_SearchKey_Id",
                table: "Solutions");

            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "Solutions");
        }
    }
}
