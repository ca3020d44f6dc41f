// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/**
 * @title ConsentLedger
 * @notice Patient consents: a patient grants a grantee access to a scope of their records for a
 * purpose until an expiry, and may revoke it at any time. Expiry is enforced against
 * `block.timestamp`.
 *
 * Custodial patients sign an EIP-712 message that anyone (normally the platform relayer) submits
 * through {grant} or {revoke}; patients with their own wallet may call {grantDirect} and
 * {revokeDirect}. Signed messages carry a per-patient nonce and a deadline, and the domain binds
 * them to this contract and chain, so they cannot be replayed elsewhere. Applying a message is
 * idempotent in outcome: whoever submits a signature first, the stored grant is the same, and a
 * later submission reverts with {ConsentLedger__AlreadyApplied}, which callers treat as success.
 *
 * Only addresses and hashes are stored; scope and purpose are hashed off-chain.
 */
contract ConsentLedger is EIP712, Nonces {
    struct Grant {
        address patient;
        address grantee;
        bytes32 scopeHash;
        bytes32 purposeHash;
        uint64 expiry;
        uint64 grantedAt;
        uint64 revokedAt;
    }

    bytes32 private constant GRANT_TYPEHASH =
        keccak256(
            "Grant(address patient,address grantee,bytes32 scopeHash,bytes32 purposeHash,uint64 expiry,uint256 nonce,uint256 deadline)"
        );
    bytes32 private constant REVOKE_TYPEHASH =
        keccak256("Revoke(address patient,bytes32 grantId,uint256 nonce,uint256 deadline)");

    /// @dev A grant exists when its patient is set: a stored patient is always a recovered signer
    /// or a caller, never the zero address.
    mapping(bytes32 grantId => Grant) private _grants;

    /// @notice The grant was already stored, or already revoked: the message has taken effect.
    error ConsentLedger__AlreadyApplied(bytes32 grantId);
    /// @notice The signed message's deadline has passed.
    error ConsentLedger__SignatureExpired();
    /// @notice The grant's expiry is not in the future.
    error ConsentLedger__GrantExpired();
    /// @notice The signature was not made by the patient over this message, contract and chain.
    error ConsentLedger__InvalidSigner();
    /// @notice The grantee is the zero address.
    error ConsentLedger__ZeroAddress();
    /// @notice No grant has this id.
    error ConsentLedger__UnknownGrant(bytes32 grantId);
    /// @notice The grant belongs to another patient.
    error ConsentLedger__NotPatient();

    /// @notice `patient` granted `grantee` access to `scopeHash` for `purposeHash` until `expiry`.
    event ConsentGranted(
        bytes32 indexed grantId,
        address indexed patient,
        address indexed grantee,
        bytes32 scopeHash,
        bytes32 purposeHash,
        uint64 expiry
    );
    /// @notice `patient` revoked the grant `grantId`.
    event ConsentRevoked(bytes32 indexed grantId, address indexed patient);

    constructor() EIP712("MedConnect ConsentLedger", "1") {}

    /**
     * @notice Stores a grant signed by `patient` as the EIP-712 message
     * `Grant(patient, grantee, scopeHash, purposeHash, expiry, nonce, deadline)`. Anyone may submit it.
     * @return grantId See {grantIdOf}.
     *
     * Requirements:
     * - no grant with this id exists yet (otherwise {ConsentLedger__AlreadyApplied}).
     * - `deadline` has not passed.
     * - `expiry` is in the future.
     * - `nonce` is the patient's current nonce.
     * - `signature` is the patient's low-s signature of the message in this contract's domain.
     * - `grantee` is not the zero address.
     *
     * Emits a {ConsentGranted} event.
     */
    function grant(
        address patient,
        address grantee,
        bytes32 scopeHash,
        bytes32 purposeHash,
        uint64 expiry,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external returns (bytes32 grantId) {
        grantId = grantIdOf(patient, grantee, scopeHash, purposeHash, expiry, nonce);
        if (_grants[grantId].patient != address(0)) revert ConsentLedger__AlreadyApplied(grantId);
        if (block.timestamp > deadline) revert ConsentLedger__SignatureExpired();
        if (expiry <= block.timestamp) revert ConsentLedger__GrantExpired();
        _useCheckedNonce(patient, nonce);
        _checkSigner(
            patient,
            keccak256(
                abi.encode(GRANT_TYPEHASH, patient, grantee, scopeHash, purposeHash, expiry, nonce, deadline)
            ),
            signature
        );
        _storeGrant(grantId, patient, grantee, scopeHash, purposeHash, expiry);
    }

    /**
     * @notice Revokes `grantId` on behalf of `patient`, who signed the EIP-712 message
     * `Revoke(patient, grantId, nonce, deadline)`. Anyone may submit it.
     *
     * Requirements:
     * - the grant exists and belongs to `patient`.
     * - the grant is not revoked yet (otherwise {ConsentLedger__AlreadyApplied}).
     * - `deadline` has not passed.
     * - `nonce` is the patient's current nonce.
     * - `signature` is the patient's low-s signature of the message in this contract's domain.
     *
     * Emits a {ConsentRevoked} event.
     */
    function revoke(
        address patient,
        bytes32 grantId,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _checkRevocable(grantId, patient);
        if (block.timestamp > deadline) revert ConsentLedger__SignatureExpired();
        _useCheckedNonce(patient, nonce);
        _checkSigner(patient, keccak256(abi.encode(REVOKE_TYPEHASH, patient, grantId, nonce, deadline)), signature);
        _storeRevocation(grantId, patient);
    }

    /**
     * @notice Grants as the caller, for patients holding their own wallet. Consumes the caller's
     * current nonce, which becomes part of the grant id.
     * @return grantId See {grantIdOf}.
     *
     * Requirements:
     * - `expiry` is in the future.
     * - `grantee` is not the zero address.
     *
     * Emits a {ConsentGranted} event.
     */
    function grantDirect(
        address grantee,
        bytes32 scopeHash,
        bytes32 purposeHash,
        uint64 expiry
    ) external returns (bytes32 grantId) {
        if (expiry <= block.timestamp) revert ConsentLedger__GrantExpired();
        uint256 nonce = _useNonce(msg.sender);
        grantId = grantIdOf(msg.sender, grantee, scopeHash, purposeHash, expiry, nonce);
        // Unreachable while nonces only move forward; kept so a stored grant is never overwritten.
        if (_grants[grantId].patient != address(0)) revert ConsentLedger__AlreadyApplied(grantId);
        _storeGrant(grantId, msg.sender, grantee, scopeHash, purposeHash, expiry);
    }

    /**
     * @notice Revokes `grantId` as the caller, for patients holding their own wallet.
     *
     * Requirements:
     * - the grant exists and belongs to the caller.
     * - the grant is not revoked yet (otherwise {ConsentLedger__AlreadyApplied}).
     *
     * Emits a {ConsentRevoked} event.
     */
    function revokeDirect(bytes32 grantId) external {
        _checkRevocable(grantId, msg.sender);
        _storeRevocation(grantId, msg.sender);
    }

    /// @notice The grant `grantId`; all fields are zero when it does not exist.
    function grantOf(bytes32 grantId) external view returns (Grant memory) {
        return _grants[grantId];
    }

    /// @notice Whether `grantId` exists, is not revoked and has not expired at the current block.
    function isActive(bytes32 grantId) external view returns (bool) {
        Grant storage g = _grants[grantId];
        return g.patient != address(0) && g.revokedAt == 0 && g.expiry > block.timestamp;
    }

    /// @notice The EIP-712 domain separator for this contract on the current chain.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice The id of the grant with these fields: `keccak256(abi.encode(...))` of the arguments.
    function grantIdOf(
        address patient,
        address grantee,
        bytes32 scopeHash,
        bytes32 purposeHash,
        uint64 expiry,
        uint256 nonce
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(patient, grantee, scopeHash, purposeHash, expiry, nonce));
    }

    function _checkSigner(address patient, bytes32 structHash, bytes calldata signature) private view {
        // ECDSA.recover reverts on malformed or high-s signatures, so each message has one valid encoding.
        if (ECDSA.recover(_hashTypedDataV4(structHash), signature) != patient) revert ConsentLedger__InvalidSigner();
    }

    function _checkRevocable(bytes32 grantId, address patient) private view {
        Grant storage g = _grants[grantId];
        if (g.patient == address(0)) revert ConsentLedger__UnknownGrant(grantId);
        if (g.patient != patient) revert ConsentLedger__NotPatient();
        if (g.revokedAt != 0) revert ConsentLedger__AlreadyApplied(grantId);
    }

    function _storeGrant(
        bytes32 grantId,
        address patient,
        address grantee,
        bytes32 scopeHash,
        bytes32 purposeHash,
        uint64 expiry
    ) private {
        if (grantee == address(0)) revert ConsentLedger__ZeroAddress();
        _grants[grantId] = Grant({
            patient: patient,
            grantee: grantee,
            scopeHash: scopeHash,
            purposeHash: purposeHash,
            expiry: expiry,
            grantedAt: uint64(block.timestamp),
            revokedAt: 0
        });
        emit ConsentGranted(grantId, patient, grantee, scopeHash, purposeHash, expiry);
    }

    function _storeRevocation(bytes32 grantId, address patient) private {
        _grants[grantId].revokedAt = uint64(block.timestamp);
        emit ConsentRevoked(grantId, patient);
    }
}
