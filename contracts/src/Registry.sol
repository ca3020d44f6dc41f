// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/**
 * @title Registry
 * @notice Practitioners, pharmacies and organisations known to MedConnect: each account maps to the
 * hash of its licence, its kind and a verification status set by a registrar. Other contracts and
 * the server ask {isVerified} before trusting an account in a professional role.
 *
 * Only the licence hash is stored; the licence itself stays off-chain.
 */
contract Registry is AccessControl {
    /// @notice Role allowed to register accounts and change their status.
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    enum Kind {
        Practitioner,
        Pharmacy,
        Organisation
    }

    enum Status {
        None,
        Pending,
        Verified,
        Suspended
    }

    struct Entry {
        bytes32 licenceHash;
        Kind kind;
        Status status;
        uint64 updatedAt;
    }

    mapping(address account => Entry) private _entries;

    /// @notice The account is already registered.
    error Registry__AlreadyRegistered(address account);
    /// @notice The account has never been registered.
    error Registry__NotRegistered(address account);
    /// @notice An address argument is the zero address.
    error Registry__ZeroAddress();
    /// @notice The requested status is None or equals the current one.
    error Registry__InvalidStatus();

    /// @notice `account` was registered with status Pending.
    event EntryRegistered(address indexed account, Kind kind, bytes32 licenceHash);
    /// @notice The status of `account` changed to `status`.
    event StatusChanged(address indexed account, Status status);

    /**
     * @param admin Holder of DEFAULT_ADMIN_ROLE, who can grant and revoke the registrar role.
     *
     * Requirements:
     * - `admin` is not the zero address.
     */
    constructor(address admin) {
        if (admin == address(0)) revert Registry__ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /**
     * @notice Registers `account` as a `kind` holding the licence whose hash is `licenceHash`.
     * The entry starts as Pending until a registrar verifies it.
     *
     * Requirements:
     * - the caller holds REGISTRAR_ROLE.
     * - `account` is not the zero address and is not registered yet.
     *
     * Emits an {EntryRegistered} event.
     */
    function register(address account, bytes32 licenceHash, Kind kind) external onlyRole(REGISTRAR_ROLE) {
        if (account == address(0)) revert Registry__ZeroAddress();
        if (_entries[account].status != Status.None) revert Registry__AlreadyRegistered(account);

        _entries[account] = Entry({
            licenceHash: licenceHash,
            kind: kind,
            status: Status.Pending,
            updatedAt: uint64(block.timestamp)
        });

        emit EntryRegistered(account, kind, licenceHash);
    }

    /**
     * @notice Moves `account` to `status` (Pending, Verified or Suspended).
     *
     * Requirements:
     * - the caller holds REGISTRAR_ROLE.
     * - `account` is registered.
     * - `status` is not None and differs from the current status.
     *
     * Emits a {StatusChanged} event.
     */
    function setStatus(address account, Status status) external onlyRole(REGISTRAR_ROLE) {
        Entry storage entry = _entries[account];
        if (entry.status == Status.None) revert Registry__NotRegistered(account);
        if (status == Status.None || status == entry.status) revert Registry__InvalidStatus();

        entry.status = status;
        entry.updatedAt = uint64(block.timestamp);

        emit StatusChanged(account, status);
    }

    /// @notice The entry of `account`; all fields are zero (status None) when it is not registered.
    function entryOf(address account) external view returns (Entry memory) {
        return _entries[account];
    }

    /// @notice Whether `account` is registered and currently Verified.
    function isVerified(address account) external view returns (bool) {
        return _entries[account].status == Status.Verified;
    }
}
