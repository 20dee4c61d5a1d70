// Tests reach the throwaway PostgreSQL cluster through TestSupport, as they always have.
@_exported import LocalPostgres
