// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/**
 * @title AnchorLog
 * @notice Append-only sequence of Merkle roots, each committing to a batch of record leaves
 * computed off-chain. A leaf and its proof can later be checked against any anchored root, which is
 * how MedConnect shows that a record existed, unchanged, at the time its batch was anchored.
 *
 * Only the platform relayer anchors. Nothing personal reaches the chain: a leaf is a salted
 * commitment and only the root of each batch is stored.
 */
contract AnchorLog is AccessControl {
    /// @notice Role allowed to anchor roots.
    bytes32 public constant RELAYER_ROLE = keccak256("RELAYER_ROLE");

    /// @dev Where and when a root was anchored. `leafCount` is never zero for an anchored root,
    /// so it doubles as the existence flag. uint64 holds any index, block number or timestamp this
    /// chain will reach, and packs the three into one slot.
    /// @dev Packed into one storage slot: a new anchor costs one slot write, not two.
    struct Anchor {
        uint64 index;
        uint64 blockNumber;
        uint64 timestamp;
        uint64 leafCount;
    }

    bytes32[] private _roots;
    mapping(bytes32 root => Anchor) private _anchors;

    /// @notice The root is zero.
    error AnchorLog__EmptyRoot();
    /// @notice The batch has no leaves.
    error AnchorLog__EmptyBatch();
    /// @notice The root was anchored before.
    error AnchorLog__AlreadyAnchored(bytes32 root);
    /// @notice No root is stored at `index`.
    error AnchorLog__IndexOutOfBounds(uint256 index);
    /// @notice A constructor argument is the zero address.
    error AnchorLog__ZeroAddress();

    /// @notice A Merkle root was appended at position `index`.
    event RootAnchored(uint256 indexed index, bytes32 indexed root, uint256 leafCount);

    /**
     * @param admin Holder of DEFAULT_ADMIN_ROLE, who can grant and revoke the relayer role.
     * @param relayer First holder of RELAYER_ROLE.
     *
     * Requirements:
     * - `admin` and `relayer` are not the zero address.
     */
    constructor(address admin, address relayer) {
        if (admin == address(0) || relayer == address(0)) revert AnchorLog__ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(RELAYER_ROLE, relayer);
    }

    /**
     * @notice Appends `root`, the Merkle root of a batch of `leafCount` leaves.
     *
     * Requirements:
     * - the caller holds RELAYER_ROLE.
     * - `root` is not zero and has not been anchored before.
     * - `leafCount` is not zero and fits in 64 bits.
     *
     * Emits a {RootAnchored} event.
     */
    function anchor(bytes32 root, uint256 leafCount) external onlyRole(RELAYER_ROLE) {
        if (root == bytes32(0)) revert AnchorLog__EmptyRoot();
        if (leafCount == 0) revert AnchorLog__EmptyBatch();
        if (_anchors[root].leafCount != 0) revert AnchorLog__AlreadyAnchored(root);

        uint256 index = _roots.length;
        _roots.push(root);
        _anchors[root] = Anchor({
            index: SafeCast.toUint64(index),
            blockNumber: SafeCast.toUint64(block.number),
            timestamp: SafeCast.toUint64(block.timestamp),
            leafCount: SafeCast.toUint64(leafCount)
        });

        emit RootAnchored(index, root, leafCount);
    }

    /// @notice Number of roots anchored so far.
    function rootCount() external view returns (uint256) {
        return _roots.length;
    }

    /**
     * @notice The root anchored at position `index` (0-based, in anchoring order).
     *
     * Requirements:
     * - `index` is less than {rootCount}.
     */
    function rootAt(uint256 index) external view returns (bytes32) {
        if (index >= _roots.length) revert AnchorLog__IndexOutOfBounds(index);
        return _roots[index];
    }

    /**
     * @notice Where and when `root` was anchored. Every value but `anchored` is zero when it was not.
     */
    function rootInfo(
        bytes32 root
    )
        external
        view
        returns (bool anchored, uint256 index, uint64 blockNumber, uint64 timestamp, uint256 leafCount)
    {
        Anchor storage a = _anchors[root];
        return (a.leafCount != 0, a.index, a.blockNumber, a.timestamp, a.leafCount);
    }

    /**
     * @notice Whether `leaf` belongs to the batch committed by the anchored `root`, given its
     * Merkle `proof` (sorted-pair keccak256, as built by OpenZeppelin's merkle-tree library).
     * @return False when `root` was never anchored, otherwise the result of the proof check.
     */
    function verify(bytes32 root, bytes32 leaf, bytes32[] calldata proof) external view returns (bool) {
        if (_anchors[root].leafCount == 0) return false;
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }
}
